package io.lobsterops.provisioning.fleet.upgrade;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UpgradeRepository implements PanacheRepositoryBase<Upgrade, UUID> {

    public Uni<Upgrade> openOf(UUID gatewayId) {
        return find("gatewayId = ?1 and status in ('PENDING', 'RUNNING', 'INTERRUPTED', 'ROLLING_BACK')", gatewayId)
                .firstResult();
    }

    public Uni<List<Upgrade>> ofGateway(UUID gatewayId) {
        return list("gatewayId", Sort.descending("createdAt"), gatewayId);
    }

    public Uni<List<Upgrade>> resumable(Instant now) {
        return list("status in ('PENDING', 'RUNNING', 'INTERRUPTED', 'ROLLING_BACK') and (retryAt is null or"
                + " retryAt <= ?1) and (leaseUntil is null or leaseUntil < ?1)", now);
    }
}
