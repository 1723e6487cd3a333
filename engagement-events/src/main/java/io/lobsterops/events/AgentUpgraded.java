package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/** {@value EventTypes#AGENT_UPGRADED}: the gateway runs a new OpenClaw version, checked and kept (provisioning-service). */
public record AgentUpgraded(
        UUID engagementId,
        String clientId,
        UUID gatewayId,
        UUID upgradeId,
        String fromVersion,
        String toVersion,
        Double goldSetScore,
        String requestedBy,
        Instant upgradedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.AGENT_UPGRADED;
    }
}
