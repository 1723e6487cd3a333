package io.lobsterops.provisioning.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.provisioning.domain.Deployment;
import io.lobsterops.provisioning.domain.DeploymentStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DeploymentRepository implements PanacheRepositoryBase<Deployment, UUID> {

    public Uni<List<Deployment>> waiting() {
        return list("status in ?1", Sort.ascending("createdAt"),
                List.of(DeploymentStatus.PENDING, DeploymentStatus.RUNNING));
    }

    public Uni<List<Deployment>> ofGateway(UUID gatewayId) {
        return list("gatewayId", Sort.descending("createdAt"), gatewayId);
    }

    public Uni<Deployment> byEvent(String eventId) {
        return find("eventId", eventId).firstResult();
    }
}
