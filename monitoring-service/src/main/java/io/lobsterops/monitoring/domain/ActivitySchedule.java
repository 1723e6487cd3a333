package io.lobsterops.monitoring.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** The cadence one activity of an agent runs at, as last approved (HOURLY until a supervisor approves another). */
@Entity
@Table(name = "activity_schedule")
@IdClass(ActivitySchedule.Key.class)
public class ActivitySchedule {

    @Id
    @Column(name = "engagement_id")
    public UUID engagementId;

    @Id
    public String activity;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Cadence cadence;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    protected ActivitySchedule() {
    }

    public ActivitySchedule(UUID engagementId, String activity, String clientId, Cadence cadence, String approvedBy,
            Instant at) {
        this.engagementId = engagementId;
        this.activity = activity;
        this.clientId = clientId;
        this.cadence = cadence;
        this.approvedBy = approvedBy;
        this.changedAt = at;
    }

    public void approve(Cadence approved, String by, Instant at) {
        cadence = approved;
        approvedBy = by;
        changedAt = at;
    }

    public static class Key implements Serializable {

        public UUID engagementId;
        public String activity;

        public Key() {
        }

        public Key(UUID engagementId, String activity) {
            this.engagementId = engagementId;
            this.activity = activity;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(engagementId, key.engagementId)
                    && Objects.equals(activity, key.activity);
        }

        @Override
        public int hashCode() {
            return Objects.hash(engagementId, activity);
        }
    }
}
