package io.lobsterops.monitoring.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.GatewayHealth;
import io.lobsterops.events.Stage;
import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.persistence.ClientScoped;
import io.lobsterops.kit.persistence.Where;
import io.lobsterops.monitoring.domain.MonitoredEngagement;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Monitored engagements, read within the caller's tenant scope. */
@ApplicationScoped
public class MonitoredEngagementRepository implements ClientScoped<MonitoredEngagement, UUID> {

    private static final Sort NEWEST_FIRST = Sort.descending("registeredAt").and("engagementId");

    @Override
    public String idPath() {
        return "engagementId";
    }

    /** The engagements {@code clientScope} may see, of the stage, gateway health and client given; newest first. */
    public Uni<PageView<MonitoredEngagement>> page(Optional<String> clientScope, Optional<Stage> stage,
            Optional<GatewayHealth> health, Optional<String> client, int page, int size) {
        return pageVisible(clientScope, filter(stage, health, client), NEWEST_FIRST, page, size);
    }

    /** LIVE engagements whose stability window reached its end and that were not declared stable yet. */
    public Uni<List<MonitoredEngagement>> windowsEndedBy(java.time.Instant now) {
        return list("stage = ?1 and stableAt is null and stabilityWindowEnd <= ?2", Stage.LIVE, now);
    }

    private static Where filter(Optional<Stage> stage, Optional<GatewayHealth> health, Optional<String> client) {
        return Where.all().andIfPresent("clientId = :client", "client", client)
                .andIfPresent("stage = :stage", "stage", stage)
                .andIfPresent("engagementId in (select g.engagementId from MonitoredGateway g where g.health = :health"
                        + " and g.probing = true)", "health", health);
    }
}
