package io.lobsterops.provisioning.fleet.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.provisioning.fleet.domain.Deployment;
import io.lobsterops.provisioning.fleet.domain.DeploymentStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DeploymentRepository implements PanacheRepositoryBase<Deployment, UUID> {

    /** PENDING deployments whose retry time has come and RUNNING ones whose driver's lease lapsed. */
    public Uni<List<Deployment>> waiting(Instant now) {
        return list("gatewayId is not null and status in ?1 and (leaseUntil is null or leaseUntil < ?2)",
                Sort.ascending("createdAt"),
                List.of(DeploymentStatus.PENDING, DeploymentStatus.RUNNING), now);
    }

    /** Extends the lease of the deployments {@code owner} is driving. */
    public Uni<Integer> renew(List<UUID> ids, String owner, Instant until) {
        return update("leaseUntil = ?1 where id in ?2 and leaseOwner = ?3", until, ids, owner);
    }

    public Uni<List<Deployment>> ofGateway(UUID gatewayId) {
        return list("gatewayId", Sort.descending("createdAt"), gatewayId);
    }

    public Uni<Deployment> byEvent(String eventId) {
        return find("eventId", eventId).firstResult();
    }
}
