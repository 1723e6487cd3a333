package io.lobsterops.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@value EventTypes#CONFIG_APPROVED}: a reviewed configuration was approved, merged and tagged: what provisioning deploys (agent-config-service). */
public record ConfigApproved(
        UUID engagementId,
        String clientId,
        UUID proposalId,
        String repository,
        String commit,
        String tag,
        String approvedBy,
        Instant approvedAt,
        List<AgentFile> files) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.CONFIG_APPROVED;
    }
}
