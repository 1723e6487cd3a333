package io.lobsterops.notification.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.lobsterops.kit.api.ProblemException;

/**
 * A planned maintenance of one engagement's agent: announced to the client, its messages held by a silence for the
 * window, and cancelled (by whom, when) until it is over.
 */
@Entity
@Table(name = "maintenance_window")
public class MaintenanceWindow {

    @Id
    public UUID id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    /** Internal: shown to staff, never to the client. */
    @Column(nullable = false)
    public String reason;

    @Column(name = "silence_id", nullable = false)
    public UUID silenceId;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "cancelled_by")
    public String cancelledBy;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    public boolean isCancelled() {
        return cancelledAt != null;
    }

    public boolean isOver(Instant now) {
        return !endsAt.isAfter(now);
    }

    public boolean hasStarted(Instant now) {
        return !startsAt.isAfter(now);
    }

    /** A maintenance planned now (the request checked by the service); its silence is {@link Silence#during}. */
    public static MaintenanceWindow planned(UUID engagementId, String clientId, Instant startsAt, Instant endsAt,
            String reason, String by, Instant at) {
        MaintenanceWindow window = new MaintenanceWindow();
        window.id = UUID.randomUUID();
        window.engagementId = engagementId;
        window.clientId = clientId;
        window.startsAt = startsAt;
        window.endsAt = endsAt;
        window.reason = reason;
        window.silenceId = UUID.randomUUID();
        window.createdBy = by;
        window.createdAt = at;
        return window;
    }

    /** Cancelled by someone (the caller leaves one already cancelled alone); one that is over answers 409. */
    public void cancelled(String by, Instant at) {
        if (isOver(at)) {
            throw ProblemException.conflict("The maintenance ended at " + endsAt + "; there is nothing left to cancel.");
        }
        cancelledAt = at;
        cancelledBy = by;
    }
}
