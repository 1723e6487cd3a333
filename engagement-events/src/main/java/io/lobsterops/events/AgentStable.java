package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/** {@value EventTypes#AGENT_STABLE}: the stability window after go-live closed without a P0/P1 escalation (monitoring-service). */
public record AgentStable(
        UUID engagementId,
        String clientId,
        Instant liveSince,
        Instant stableAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.AGENT_STABLE;
    }
}
