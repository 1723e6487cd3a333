package io.lobsterops.monitoring.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.lobsterops.events.Handoff;
import io.lobsterops.events.Priority;
import io.lobsterops.monitoring.domain.Escalation;
import io.lobsterops.monitoring.domain.EscalationDecision;
import io.lobsterops.monitoring.domain.EscalationState;

/** An escalation with its handoff and, on the single view, the decisions taken. */
public record EscalationView(UUID id, UUID engagementId, String clientId, String rule, Priority priority,
        EscalationState state, String summary, Handoff handoff, String evidence, Instant raisedAt, Instant lastFiredAt, int firedCount,
        String acknowledgedBy, Instant acknowledgedAt, String resolvedBy, Instant resolvedAt, String resolution,
        List<DecisionView> decisions) {

    public static EscalationView from(Escalation e, List<EscalationDecision> decisions) {
        return new EscalationView(e.id, e.engagementId, e.clientId, e.rule, e.priority, e.state, e.summary,
                e.handoff(), e.evidence, e.raisedAt, e.lastFiredAt, e.firedCount, e.acknowledgedBy, e.acknowledgedAt,
                e.resolvedBy, e.resolvedAt, e.resolution,
                decisions == null ? null : decisions.stream().map(DecisionView::from).toList());
    }

    public record DecisionView(String decision, String note, String decidedBy, Instant decidedAt) {

        static DecisionView from(EscalationDecision d) {
            return new DecisionView(d.decision, d.note, d.decidedBy, d.decidedAt);
        }
    }
}
