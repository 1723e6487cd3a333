package io.lobsterops.provisioning.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.provisioning.domain.Gateway;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Gateways, read within the caller's tenant scope: a client sees only its own. */
@ApplicationScoped
public class GatewayRepository implements PanacheRepositoryBase<Gateway, UUID> {

    public Uni<Gateway> findVisible(UUID id, Optional<String> clientScope) {
        if (clientScope.isEmpty()) {
            return findById(id);
        }
        return find("id = :id and clientId = :client", Parameters.with("id", id).and("client", clientScope.get()))
                .firstResult();
    }

    public Uni<Gateway> findByEngagement(UUID engagementId) {
        return find("engagementId", engagementId).firstResult();
    }

    public Uni<List<Gateway>> onHost(UUID hostId) {
        return list("hostId", hostId);
    }

    public Uni<Long> countOnHost(UUID hostId) {
        return count("hostId", hostId);
    }
}
