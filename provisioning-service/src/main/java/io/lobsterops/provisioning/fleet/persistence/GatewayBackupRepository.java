package io.lobsterops.provisioning.fleet.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.provisioning.fleet.domain.GatewayBackup;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class GatewayBackupRepository implements PanacheRepositoryBase<GatewayBackup, UUID> {

    public Uni<List<GatewayBackup>> ofGateway(UUID gatewayId) {
        return list("gatewayId", Sort.descending("createdAt"), gatewayId);
    }
}
