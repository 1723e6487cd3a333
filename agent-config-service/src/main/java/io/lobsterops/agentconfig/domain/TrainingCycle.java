package io.lobsterops.agentconfig.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One training cycle (1–3): what the client and the engineer said of the briefings, and the version it produced. */
@Entity
@Table(name = "training_cycle")
public class TrainingCycle {

    public static final int MAX_CYCLES = 3;

    @Id
    public UUID id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(nullable = false)
    public int cycle;

    @Column(name = "client_feedback", nullable = false)
    public String clientFeedback;

    @Column(name = "engineer_feedback", nullable = false)
    public String engineerFeedback;

    @Column(name = "config_commit", nullable = false)
    public String configCommit;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    protected TrainingCycle() {
    }

    public static TrainingCycle recorded(UUID engagementId, int cycle, String clientFeedback, String engineerFeedback,
            String configCommit, String by, Instant at) {
        TrainingCycle t = new TrainingCycle();
        t.id = UUID.randomUUID();
        t.engagementId = engagementId;
        t.cycle = cycle;
        t.clientFeedback = clientFeedback;
        t.engineerFeedback = engineerFeedback;
        t.configCommit = configCommit;
        t.recordedBy = by;
        t.recordedAt = at;
        return t;
    }
}
