package io.lobsterops.monitoring.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.monitoring.domain.HealthChange;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class HealthChangeRepository implements PanacheRepositoryBase<HealthChange, UUID> {

    /** The engagement's last {@code n} health changes, newest first. */
    public Uni<List<HealthChange>> lastOf(UUID engagementId, int n) {
        return find("engagementId = ?1 order by changedAt desc, id", engagementId).page(Page.ofSize(n)).list();
    }

    /** Every health change of the engagement before {@code to}, oldest first (availability needs the state at the start). */
    public Uni<List<HealthChange>> before(UUID engagementId, java.time.Instant to) {
        return list("engagementId = ?1 and changedAt < ?2 order by changedAt, id", engagementId, to);
    }
}
