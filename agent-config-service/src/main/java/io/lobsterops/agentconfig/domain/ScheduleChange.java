package io.lobsterops.agentconfig.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The last cadence change approved in monitoring for one activity of an agent ({@code schedule.changed}), and what it
 * did here. Only a change newer than this one is applied.
 */
@Entity
@Table(name = "schedule_change")
public class ScheduleChange {

    @Id
    public UUID id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(nullable = false)
    public String activity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Cadence cadence;

    @Column(name = "previous_cadence")
    public String previousCadence;

    @Column(name = "approved_by", nullable = false)
    public String approvedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;

    public String detail;

    @Column(name = "proposal_id")
    public UUID proposalId;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    protected ScheduleChange() {
    }

    public static ScheduleChange first(UUID engagementId, String activity) {
        ScheduleChange change = new ScheduleChange();
        change.id = UUID.randomUUID();
        change.engagementId = engagementId;
        change.activity = activity;
        return change;
    }

    /** Whether a change made at {@code at} comes after this one (an equal time is the same change again). */
    public boolean olderThan(Instant at) {
        return changedAt == null || at.isAfter(changedAt);
    }

    public void changed(Cadence to, String previous, String by, Instant at, String event, Instant now) {
        cadence = to;
        previousCadence = previous;
        approvedBy = by;
        changedAt = at;
        eventId = event;
        recordedAt = now;
        outcome = Outcome.UNCHANGED;
        detail = null;
        proposalId = null;
    }

    public void outcome(Outcome what, String why, UUID proposal) {
        outcome = what;
        detail = why;
        proposalId = proposal;
    }

    /** What a change did to the agent. */
    public enum Outcome {
        /** Recorded on the definition and proposed for review. */
        PROPOSED,
        /** The definition already ran the activity at that cadence: nothing to propose. */
        UNCHANGED,
        /** Recorded on the definition, but the rendering could not be proposed (lint findings, too large). */
        NOT_PROPOSED,
        /** Not applied: the definition holds as many scheduled activities as it may. */
        REFUSED
    }
}
