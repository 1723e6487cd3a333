package io.lobsterops.monitoring.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One run of an agent's scheduled work: which activity, whether it succeeded, how long it took, how good it was. */
@Entity
@Table(name = "agent_run")
public class AgentRun {

    @Id
    public UUID id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(nullable = false)
    public String activity;

    @Column(nullable = false)
    public boolean success;

    @Column(name = "duration_ms", nullable = false)
    public long durationMs;

    /** 0–1; null when the run was not scored. */
    public Double quality;

    public String notes;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "ran_at", nullable = false)
    public Instant ranAt;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    protected AgentRun() {
    }

    public AgentRun(UUID engagementId, String clientId, String activity, boolean success, long durationMs,
            Double quality, String notes, String recordedBy, Instant ranAt, Instant recordedAt) {
        this(UUID.randomUUID(), engagementId, clientId, activity, success, durationMs, quality, notes, recordedBy,
                ranAt, recordedAt);
    }

    private AgentRun(UUID id, UUID engagementId, String clientId, String activity, boolean success, long durationMs,
            Double quality, String notes, String recordedBy, Instant ranAt, Instant recordedAt) {
        this.id = id;
        this.engagementId = engagementId;
        this.clientId = clientId;
        this.activity = activity;
        this.success = success;
        this.durationMs = durationMs;
        this.quality = quality;
        this.notes = notes;
        this.recordedBy = recordedBy;
        this.ranAt = ranAt;
        this.recordedAt = recordedAt;
    }

    /** A gold-set evaluation reported by provisioning, kept under the evaluation's id (a redelivery finds it). */
    public static AgentRun goldSet(UUID evaluationId, UUID engagementId, String clientId, String activity,
            boolean success, long durationMs, Double quality, String notes, String recordedBy, Instant ranAt,
            Instant recordedAt) {
        return new AgentRun(evaluationId, engagementId, clientId, activity, success, durationMs, quality, notes,
                recordedBy, ranAt, recordedAt);
    }
}
