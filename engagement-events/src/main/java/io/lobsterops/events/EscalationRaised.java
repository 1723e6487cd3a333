package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/** {@value EventTypes#ESCALATION_RAISED}: a rule fired and a person must decide; one open escalation per (engagement, rule) (monitoring-service). */
public record EscalationRaised(
        UUID engagementId,
        String clientId,
        UUID escalationId,
        String rule,
        Priority priority,
        String summary,
        Handoff handoff,
        Instant raisedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.ESCALATION_RAISED;
    }
}
