package io.lobsterops.billing.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.lobsterops.billing.api.BillingProblems;
import io.lobsterops.kit.api.ProblemException;

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

    /** A draft written now from the engagement's latest contract and (when given) its discovery answers. */
    public static PresaleDocument drafted(UUID engagementId, UUID contractId, Kind kind, String content,
            Instant discoveryAnsweredAt, String author, Instant at) {
        PresaleDocument document = new PresaleDocument();
        document.id = UUID.randomUUID();
        document.engagementId = engagementId;
        document.contractId = contractId;
        document.kind = kind;
        document.status = Status.DRAFT;
        document.author = author;
        document.createdAt = at;
        document.content = content;
        document.discoveryAnsweredAt = discoveryAnsweredAt;
        return document;
    }

    /** Go/No-Go by a supervisor other than the author, with the reason; a draft is reviewed once (both 409). */
    public void reviewed(String by, Decision decision, String reason, Instant at) {
        if (author.equals(by)) {
            throw new ProblemException(BillingProblems.OWN_DOCUMENT, "You wrote this " + kind
                    + "; another supervisor reviews it.");
        }
        if (status != Status.DRAFT) {
            throw new ProblemException(BillingProblems.DOCUMENT_REVIEWED, "This " + kind + " is " + status
                    + "; draft a new one to review again.");
        }
        reviewer = by;
        this.decision = decision;
        decisionReason = reason;
        decidedAt = at;
        status = decision == Decision.GO ? Status.APPROVED : Status.REJECTED;
    }

    /** Sent to the client, once a reviewer said Go (409 otherwise). */
    public void sent(String by, Instant at) {
        if (status != Status.APPROVED) {
            throw new ProblemException(BillingProblems.DOCUMENT_NOT_APPROVED, "This " + kind + " is " + status
                    + "; it is sent once a reviewer said Go.");
        }
        status = Status.SENT;
        sentBy = by;
        sentAt = at;
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
