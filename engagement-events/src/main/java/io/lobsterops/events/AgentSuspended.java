package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/** {@value EventTypes#AGENT_SUSPENDED}: the kill switch stopped a gateway (provisioning-service). */
public record AgentSuspended(
        UUID engagementId,
        String clientId,
        UUID gatewayId,
        String reason,
        String suspendedBy,
        Instant suspendedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.AGENT_SUSPENDED;
    }
}
