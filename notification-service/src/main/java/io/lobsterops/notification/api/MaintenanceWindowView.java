package io.lobsterops.notification.api;

import java.time.Instant;
import java.util.UUID;

import io.lobsterops.notification.domain.MaintenanceWindow;

/** A planned maintenance, with who planned it and who cancelled it, and when. */
public record MaintenanceWindowView(UUID id, UUID engagementId, String clientId, Instant startsAt, Instant endsAt,
        String reason, UUID silenceId, boolean cancelled, String createdBy, Instant createdAt, String cancelledBy,
        Instant cancelledAt) {

    public static MaintenanceWindowView from(MaintenanceWindow w) {
        return new MaintenanceWindowView(w.id, w.engagementId, w.clientId, w.startsAt, w.endsAt, w.reason,
                w.silenceId, w.isCancelled(), w.createdBy, w.createdAt, w.cancelledBy, w.cancelledAt);
    }
}
