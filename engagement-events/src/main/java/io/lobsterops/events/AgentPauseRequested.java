package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/** {@value EventTypes#AGENT_PAUSE_REQUESTED}: a rule asks for the agent to be paused through the kill switch, e.g. its token budget is spent and the contract says so (monitoring-service; provisioning-service acts on it). */
public record AgentPauseRequested(
        UUID engagementId,
        String clientId,
        String rule,
        String reason,
        String requestedBy,
        Instant requestedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.AGENT_PAUSE_REQUESTED;
    }
}
