package io.lobsterops.monitoring.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A change the optimizer proposes for one activity (a cadence or a model), waiting for a supervisor's decision. */
@Entity
@Table(name = "optimizer_proposal")
public class OptimizerProposal {

    public enum Kind {
        CADENCE,
        MODEL
    }

    @Id
    public UUID id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(nullable = false)
    public String activity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "current_value", nullable = false)
    public String currentValue;

    @Column(nullable = false)
    public String proposed;

    @Column(nullable = false)
    public String rationale;

    @Column(nullable = false)
    public int records;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProposalState state;

    @Column(name = "proposed_at", nullable = false)
    public Instant proposedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_note")
    public String decisionNote;

    protected OptimizerProposal() {
    }

    public OptimizerProposal(UUID engagementId, String clientId, Recommendation recommendation, Instant at) {
        this.id = UUID.randomUUID();
        this.engagementId = engagementId;
        this.clientId = clientId;
        this.activity = recommendation.activity();
        this.kind = recommendation.kind();
        this.currentValue = recommendation.current();
        this.proposed = recommendation.proposed();
        this.rationale = recommendation.rationale();
        this.records = recommendation.records();
        this.state = ProposalState.PROPOSED;
        this.proposedAt = at;
    }

    /** A supervisor decides; a proposal is decided once. */
    public boolean decide(boolean approve, String by, String note, Instant at) {
        if (state != ProposalState.PROPOSED) {
            return false;
        }
        state = approve ? ProposalState.APPROVED : ProposalState.REJECTED;
        decidedBy = by;
        decisionNote = note;
        decidedAt = at;
        return true;
    }
}
