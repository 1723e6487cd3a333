package io.lobsterops.monitoring.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.monitoring.domain.MonitoredGateway;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Gateways under watch, read within the caller's tenant scope where a person asks. */
@ApplicationScoped
public class MonitoredGatewayRepository implements PanacheRepositoryBase<MonitoredGateway, UUID> {

    public Uni<List<MonitoredGateway>> ofEngagement(UUID engagementId) {
        return list("engagementId = ?1 order by installedAt, gatewayId", engagementId);
    }

    public Uni<List<MonitoredGateway>> ofEngagements(List<UUID> engagementIds) {
        return engagementIds.isEmpty() ? Uni.createFrom().item(List.of())
                : list("engagementId in ?1 order by installedAt, gatewayId", engagementIds);
    }

    /** Every gateway placed on a host. */
    public Uni<List<MonitoredGateway>> onHost(UUID hostId) {
        return list("hostId = ?1 order by gatewayId", hostId);
    }

    /** Every gateway that is probed, for the sweep. */
    public Uni<List<MonitoredGateway>> probed() {
        return list("probing = true order by hostId, gatewayId");
    }

    public Uni<List<MonitoredGateway>> visible(Optional<String> clientScope) {
        return clientScope.isEmpty() ? list("order by hostId, gatewayId")
                : list("clientId = :client order by hostId, gatewayId", Parameters.with("client", clientScope.get()));
    }
}
