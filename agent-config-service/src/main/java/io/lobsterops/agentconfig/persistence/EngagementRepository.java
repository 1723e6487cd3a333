package io.lobsterops.agentconfig.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.agentconfig.domain.Engagement;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Engagements, read within the caller's tenant scope. */
@ApplicationScoped
public class EngagementRepository implements PanacheRepositoryBase<Engagement, UUID> {

    public Uni<Engagement> findVisible(UUID engagementId, Optional<String> clientScope) {
        if (clientScope.isEmpty()) {
            return findById(engagementId);
        }
        return find("engagementId = :id and clientId = :client",
                Parameters.with("id", engagementId).and("client", clientScope.get())).firstResult();
    }

    public Uni<List<Engagement>> ofClient(String clientId) {
        return list("clientId", Sort.ascending("openedAt").and("engagementId"), clientId);
    }
}
