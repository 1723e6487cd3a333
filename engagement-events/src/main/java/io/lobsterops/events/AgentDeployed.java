package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/** {@value EventTypes#AGENT_DEPLOYED}: an approved configuration commit runs on the client's gateway (provisioning-service). */
public record AgentDeployed(
        UUID engagementId,
        String clientId,
        UUID gatewayId,
        String commit,
        String tag,
        String deployedBy,
        Instant deployedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.AGENT_DEPLOYED;
    }
}
