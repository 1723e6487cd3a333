package io.lobsterops.notification.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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
}
