package io.lobsterops.monitoring.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.persistence.Paged;
import io.lobsterops.kit.persistence.Where;
import io.lobsterops.monitoring.domain.Escalation;
import io.lobsterops.monitoring.domain.EscalationState;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Escalations; the open one of an (engagement, rule) is unique (a partial unique index backs it). */
@ApplicationScoped
public class EscalationRepository implements Paged<Escalation, UUID> {

    /**
     * Open first, then by priority (P0 first), newest first. The first key is an HQL expression (the resolved state as
     * an enum literal, so the order binds no parameter of its own); Panache writes a sort's names into the query as
     * they are once escaping is off.
     */
    private static final Sort ORDER = Sort.by("case when state = " + EscalationState.class.getName()
            + ".RESOLVED then 1 else 0 end").and("priority").and("raisedAt", Sort.Direction.Descending).and("id")
            .disableEscaping();

    public Uni<Escalation> findOpen(UUID engagementId, String rule) {
        return find("engagementId = :engagement and rule = :rule and state <> :resolved",
                Parameters.with("engagement", engagementId).and("rule", rule).and("resolved", EscalationState.RESOLVED))
                .firstResult();
    }

    /** Escalations of the engagement raised in [from, to), oldest first. */
    public Uni<List<Escalation>> raisedBetween(UUID engagementId, Instant from, Instant to) {
        return list("engagementId = ?1 and raisedAt >= ?2 and raisedAt < ?3 order by raisedAt, id", engagementId,
                from, to);
    }

    /** Every open escalation, P0 first, oldest first. */
    public Uni<List<Escalation>> allOpen() {
        return list("state <> ?1 order by priority, raisedAt, id", EscalationState.RESOLVED);
    }

    public Uni<List<Escalation>> openFor(UUID engagementId) {
        return list("engagementId = ?1 and state <> ?2", engagementId, EscalationState.RESOLVED);
    }

    /** Open escalations whose rule has not fired since {@code cutoff}. */
    public Uni<List<Escalation>> quietSince(Instant cutoff, List<String> rules) {
        return list("state <> ?1 and lastFiredAt < ?2 and rule in ?3 order by id", EscalationState.RESOLVED, cutoff,
                rules);
    }

    /** Whether a P0/P1 escalation of the engagement fired after {@code since}. */
    public Uni<Boolean> urgentSince(UUID engagementId, Instant since) {
        return count("engagementId = ?1 and priority in ?2 and lastFiredAt > ?3", engagementId,
                List.of(io.lobsterops.events.Priority.P0, io.lobsterops.events.Priority.P1), since)
                .map(n -> n > 0);
    }

    /** Escalations of the state and engagement given, in {@link #ORDER}, with their total. */
    public Uni<PageView<Escalation>> page(Optional<EscalationState> state, Optional<UUID> engagementId, int page,
            int size) {
        return page(Where.all().andIfPresent("state = :state", "state", state)
                .andIfPresent("engagementId = :engagement", "engagement", engagementId), ORDER, page, size);
    }
}
