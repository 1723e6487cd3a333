package io.lobsterops.agentconfig.messaging;

import java.time.Instant;
import java.util.UUID;

import io.lobsterops.events.EngagementEvent;

/**
 * {@value #TYPE}: a proposal was approved by a supervisor other than its author, merged into the default branch and
 * tagged: what provisioning deploys ({@code repository} at {@code tag}, which names {@code commit}). To move into the
 * contract module (engagement-events) with its type constant.
 */
public record ConfigApproved(
        UUID engagementId,
        String clientId,
        UUID proposalId,
        int number,
        String repository,
        String branch,
        String commit,
        String tag,
        String proposedBy,
        String approvedBy,
        Instant approvedAt) implements EngagementEvent {

    public static final String TYPE = "lobsterops.config.approved";

    @Override
    public String type() {
        return TYPE;
    }
}
