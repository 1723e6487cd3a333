package io.lobsterops.monitoring.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Who decided what about an escalation, kept for good: the runbook's decision log. */
@Entity
@Table(name = "escalation_decision")
public class EscalationDecision {

    @Id
    public UUID id;

    @Column(name = "escalation_id", nullable = false)
    public UUID escalationId;

    @Column(nullable = false)
    public String decision;

    public String note;

    @Column(name = "decided_by", nullable = false)
    public String decidedBy;

    @Column(name = "decided_at", nullable = false)
    public Instant decidedAt;

    protected EscalationDecision() {
    }

    public EscalationDecision(UUID escalationId, String decision, String note, String by, Instant at) {
        this.id = UUID.randomUUID();
        this.escalationId = escalationId;
        this.decision = decision;
        this.note = note;
        this.decidedBy = by;
        this.decidedAt = at;
    }
}
