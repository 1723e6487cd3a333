package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@value EventTypes#AGENT_ACCEPTED}: the client accepted its agent after training, with its own token
 * (provisioning-service); the engagement goes LIVE, and a contract whose balance is due on acceptance bills it.
 */
public record AgentAccepted(
        UUID engagementId,
        String clientId,
        String acceptedBy,
        String note,
        Instant acceptedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.AGENT_ACCEPTED;
    }
}
