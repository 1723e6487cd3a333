package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@value EventTypes#AGENT_TERMINATED}: the agent is gone — gateway stopped and removed, its data archived (manifest
 * hash) and its secrets deleted from the host and the platform, as the deletion certificate records
 * (provisioning-service). Monitoring stops watching, billing issues the final invoice, notification tells the client.
 */
public record AgentTerminated(
        UUID engagementId,
        String clientId,
        UUID terminationId,
        UUID gatewayId,
        String reason,
        String archiveManifestSha256,
        String terminatedBy,
        Instant terminatedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.AGENT_TERMINATED;
    }
}
