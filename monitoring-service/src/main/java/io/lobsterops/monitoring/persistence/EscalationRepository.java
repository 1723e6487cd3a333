package io.lobsterops.monitoring.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.monitoring.domain.Escalation;
import io.lobsterops.monitoring.domain.EscalationState;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Escalations; the open one of an (engagement, rule) is unique (a partial unique index backs it). */
@ApplicationScoped
public class EscalationRepository implements PanacheRepositoryBase<Escalation, UUID> {

    /** Open first, then by priority (P0 first), newest first. */
    private static final String ORDER = " order by case when state = :resolved then 1 else 0 end, priority, raisedAt desc, id";

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

    public Uni<List<Escalation>> page(Optional<EscalationState> state, Optional<UUID> engagementId, int page,
            int size) {
        Filter filter = Filter.of(state, engagementId);
        return find(filter.query() + ORDER, filter.parameters().and("resolved", EscalationState.RESOLVED))
                .page(Page.of(page, size)).list();
    }

    public Uni<Long> countMatching(Optional<EscalationState> state, Optional<UUID> engagementId) {
        Filter filter = Filter.of(state, engagementId);
        return count(filter.query(), filter.parameters());
    }

    private record Filter(String query, Parameters parameters) {

        static Filter of(Optional<EscalationState> state, Optional<UUID> engagementId) {
            StringBuilder query = new StringBuilder("1 = 1");
            Parameters parameters = new Parameters();
            state.ifPresent(s -> {
                query.append(" and state = :state");
                parameters.and("state", s);
            });
            engagementId.ifPresent(id -> {
                query.append(" and engagementId = :engagement");
                parameters.and("engagement", id);
            });
            return new Filter(query.toString(), parameters);
        }
    }
}
