package io.lobsterops.events;

import java.time.Instant;

/**
 * {@value EventTypes#CLIENT_RENAMED}: a supervisor corrected a client's name (provisioning-service). Every service
 * holding a copy of the name takes the new one for what it writes from now on; what was already issued under the old
 * name (an invoice, a sent message) keeps it.
 */
public record ClientRenamed(
        String clientId,
        String oldName,
        String newName,
        String reason,
        String renamedBy,
        Instant renamedAt) implements ClientEvent {

    @Override
    public String type() {
        return EventTypes.CLIENT_RENAMED;
    }
}
