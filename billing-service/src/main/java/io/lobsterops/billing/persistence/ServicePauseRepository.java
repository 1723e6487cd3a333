package io.lobsterops.billing.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.billing.domain.ServicePause;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ServicePauseRepository implements PanacheRepository<ServicePause> {

    public Uni<List<ServicePause>> of(UUID engagementId) {
        return list("engagementId", Sort.ascending("pausedAt"), engagementId);
    }

    public Uni<ServicePause> open(UUID engagementId) {
        return find("engagementId = ?1 and resumedAt is null", engagementId).firstResult();
    }
}
