package io.lobsterops.provisioning.engagement.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.lobsterops.events.Stage;

/** The audit trail of an engagement's lifecycle: who moved it, from where, to where, why. */
@Entity
@Table(name = "stage_change")
public class StageChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "engagement_id")
    public Engagement engagement;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_stage")
    public Stage from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_stage", nullable = false)
    public Stage to;

    public String reason;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    protected StageChange() {
    }

    public StageChange(Engagement engagement, Stage from, Stage to, String reason, String changedBy, Instant at) {
        this.engagement = engagement;
        this.from = from;
        this.to = to;
        this.reason = reason;
        this.changedBy = changedBy;
        this.changedAt = at;
    }
}
