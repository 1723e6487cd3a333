package io.lobsterops.notification.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;

/** Until {@code endsAt}, messages of a client (or one of its engagements) stay in the cockpit; P0 still pages. */
@Entity
@Table(name = "silence")
public class Silence {

    @Id
    public UUID id;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "engagement_id")
    public UUID engagementId;

    @Column(nullable = false)
    public String reason;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** A silence someone asks for, from {@code startsAt} (now when absent); it must end after it starts, in the future. */
    public static Silence requested(String clientId, UUID engagementId, String reason, Instant startsAt, Instant endsAt,
            String by, Instant now) {
        Silence silence = of(UUID.randomUUID(), clientId, engagementId, reason, startsAt == null ? now : startsAt,
                endsAt, by, now);
        if (!silence.endsAt.isAfter(silence.startsAt)) {
            throw new ProblemException(ProblemType.VALIDATION, "endsAt: must be after startsAt");
        }
        if (!silence.endsAt.isAfter(now)) {
            throw new ProblemException(ProblemType.VALIDATION, "endsAt: must be in the future");
        }
        return silence;
    }

    /** The silence holding a planned maintenance's messages for its window (checked when it was planned). */
    public static Silence during(MaintenanceWindow window) {
        return of(window.silenceId, window.clientId, window.engagementId, "planned maintenance: " + window.reason,
                window.startsAt, window.endsAt, window.createdBy, window.createdAt);
    }

    private static Silence of(UUID id, String clientId, UUID engagementId, String reason, Instant startsAt,
            Instant endsAt, String by, Instant at) {
        Silence silence = new Silence();
        silence.id = id;
        silence.clientId = clientId;
        silence.engagementId = engagementId;
        silence.reason = reason;
        silence.startsAt = startsAt;
        silence.endsAt = endsAt;
        silence.createdBy = by;
        silence.createdAt = at;
        return silence;
    }

    /**
     * Ends now: a silence not started yet ends just after its start (an end must follow the start); one already over
     * keeps its end.
     */
    public void ended(Instant at) {
        if (endsAt.isAfter(at)) {
            endsAt = at.isAfter(startsAt) ? at : startsAt.plusNanos(1000);
        }
    }
}
