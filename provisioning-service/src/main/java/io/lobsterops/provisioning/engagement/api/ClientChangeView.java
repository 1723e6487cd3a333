package io.lobsterops.provisioning.engagement.api;

import java.time.Instant;

import io.lobsterops.provisioning.engagement.domain.ClientChange;

/** One correction of a client, for staff: what, the name before and after, who, when, why. */
public record ClientChangeView(ClientChange.Kind kind, String oldName, String newName, String reason,
        String changedBy, Instant changedAt) {

    public static ClientChangeView from(ClientChange change) {
        return new ClientChangeView(change.kind, change.oldName, change.newName, change.reason, change.changedBy,
                change.changedAt);
    }
}
