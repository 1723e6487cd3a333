package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/** {@value EventTypes#ESCALATION_RESOLVED}: an escalation was resolved by a person or by its rule falling quiet (monitoring-service). */
public record EscalationResolved(
        UUID engagementId,
        String clientId,
        UUID escalationId,
        String rule,
        String resolution,
        String resolvedBy,
        Instant resolvedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.ESCALATION_RESOLVED;
    }
}
