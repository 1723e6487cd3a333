package io.lobsterops.agentconfig.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.agentconfig.domain.Engagement;
import io.lobsterops.kit.persistence.ClientScoped;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Engagements, read within the caller's tenant scope. */
@ApplicationScoped
public class EngagementRepository implements ClientScoped<Engagement, UUID> {

    @Override
    public String idPath() {
        return "engagementId";
    }

    public Uni<List<Engagement>> ofClient(String clientId) {
        return list("clientId", Sort.ascending("openedAt").and("engagementId"), clientId);
    }
}
