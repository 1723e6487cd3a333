package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/** {@value EventTypes#AGENT_RESUMED}: a suspended gateway runs again (provisioning-service). */
public record AgentResumed(
        UUID engagementId,
        String clientId,
        UUID gatewayId,
        String resumedBy,
        Instant resumedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.AGENT_RESUMED;
    }
}
