package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/** {@value EventTypes#CONFIG_PROPOSED}: an agent configuration was proposed for L2 review (agent-config-service). */
public record ConfigProposed(
        UUID engagementId,
        String clientId,
        UUID proposalId,
        String repository,
        String branch,
        String commit,
        String author,
        Instant proposedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.CONFIG_PROPOSED;
    }
}
