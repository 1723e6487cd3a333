package io.lobsterops.agentconfig.messaging;

import java.time.Instant;
import java.util.UUID;

import io.lobsterops.events.EngagementEvent;

/**
 * {@value #TYPE}: an agent configuration was proposed for review (L2), as a commit on its own branch. To move into
 * the contract module (engagement-events) with its type constant.
 */
public record ConfigProposed(
        UUID engagementId,
        String clientId,
        UUID proposalId,
        int number,
        String repository,
        String branch,
        String commit,
        String proposedBy,
        Instant proposedAt) implements EngagementEvent {

    public static final String TYPE = "lobsterops.config.proposed";

    @Override
    public String type() {
        return TYPE;
    }
}
