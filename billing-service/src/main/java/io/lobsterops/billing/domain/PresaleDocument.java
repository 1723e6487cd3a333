package io.lobsterops.billing.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A proposal or a statement of work: drafted, reviewed four-eyes (Go/No-Go with who and why), then sent. */
@Entity
@Table(name = "presale_document")
public class PresaleDocument {

    @Id
    public UUID id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "contract_id", nullable = false)
    public UUID contractId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public String author;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public String reviewer;

    @Enumerated(EnumType.STRING)
    public Decision decision;

    @Column(name = "decision_reason")
    public String decisionReason;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "sent_by")
    public String sentBy;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(nullable = false)
    public String content;

    /** When the discovery answers it was written from were given; null when it was drafted before any arrived. */
    @Column(name = "discovery_answered_at")
    public Instant discoveryAnsweredAt;

    public PresaleDocument() {
    }

    public enum Kind {
        PROPOSAL,
        SOW
    }

    public enum Status {
        DRAFT,
        APPROVED,
        REJECTED,
        SENT
    }

    public enum Decision {
        GO,
        NO_GO
    }
}
