package io.lobsterops.events;

import java.time.Instant;

/**
 * {@value EventTypes#CLIENT_ARCHIVED}: a supervisor archived a client none of whose engagements is still open (all
 * TERMINATED, or none at all): it gets no new engagement (provisioning-service, ADR 0059).
 */
public record ClientArchived(
        String clientId,
        String name,
        String reason,
        String archivedBy,
        Instant archivedAt) implements ClientEvent {

    @Override
    public String type() {
        return EventTypes.CLIENT_ARCHIVED;
    }
}
