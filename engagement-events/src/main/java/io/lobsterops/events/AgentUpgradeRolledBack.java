package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@value EventTypes#AGENT_UPGRADE_ROLLED_BACK}: an upgrade failed a check ({@code failedStep}, e.g. the gold set or
 * {@code /readyz}) and the gateway was switched back to {@code fromVersion} with its snapshot restored
 * (provisioning-service).
 */
public record AgentUpgradeRolledBack(
        UUID engagementId,
        String clientId,
        UUID gatewayId,
        UUID upgradeId,
        String fromVersion,
        String toVersion,
        String failedStep,
        String reason,
        String requestedBy,
        Instant rolledBackAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.AGENT_UPGRADE_ROLLED_BACK;
    }
}
