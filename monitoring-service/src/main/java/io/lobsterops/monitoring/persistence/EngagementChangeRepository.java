package io.lobsterops.monitoring.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.monitoring.domain.EngagementChange;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class EngagementChangeRepository implements PanacheRepositoryBase<EngagementChange, UUID> {

    /** Keeps the change once: the same fact told again is already there. */
    public Uni<Void> note(EngagementChange change) {
        return findById(change.id).chain(existing -> existing != null ? Uni.createFrom().voidItem()
                : persist(change).replaceWithVoid());
    }

    public Uni<List<EngagementChange>> between(UUID engagementId, Instant from, Instant to) {
        return list("engagementId = ?1 and happenedAt >= ?2 and happenedAt < ?3 order by happenedAt, id",
                engagementId, from, to);
    }
}
