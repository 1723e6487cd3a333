package io.lobsterops.provisioning.engagement.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.lobsterops.events.Stage;
import io.lobsterops.events.StageTransitions;

/** One client's engagement, from first contact to termination, and where it stands in the lifecycle. */
@Entity
@Table(name = "engagement")
public class Engagement {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "client_id")
    public Client client;

    @Column(name = "contact_name")
    public String contactName;

    @Column(name = "contact_email")
    public String contactEmail;

    public String sector;

    public String region;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Stage stage;

    /** The stage a SUSPENDED engagement left, where resuming takes it back. */
    @Enumerated(EnumType.STRING)
    @Column(name = "suspended_from")
    public Stage suspendedFrom;

    @Column(name = "opened_by", nullable = false)
    public String openedBy;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** When billing reported the deposit paid (payment.received, kind DEPOSIT), and its invoice. */
    @Column(name = "deposit_paid_at")
    public Instant depositPaidAt;

    @Column(name = "deposit_invoice")
    public String depositInvoice;

    /** A supervisor's explicit, audited override of the deposit gate. */
    @Column(name = "deposit_waived_by")
    public String depositWaivedBy;

    @Column(name = "deposit_waiver_reason")
    public String depositWaiverReason;

    @Column(name = "deposit_waived_at")
    public Instant depositWaivedAt;

    /** The client's acceptance of the delivery: TRAINING -> LIVE, by one of the client's own users. */
    @Column(name = "accepted_by")
    public String acceptedBy;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "acceptance_comment")
    public String acceptanceComment;

    @Version
    public int version;

    protected Engagement() {
    }

    public static Engagement open(Client client, String contactName, String contactEmail, String sector, String region,
            String openedBy, Instant now) {
        Engagement engagement = new Engagement();
        engagement.id = UUID.randomUUID();
        engagement.client = client;
        engagement.contactName = contactName;
        engagement.contactEmail = contactEmail;
        engagement.sector = sector;
        engagement.region = region;
        engagement.stage = Stage.LEAD;
        engagement.openedBy = openedBy;
        engagement.openedAt = now;
        engagement.updatedAt = now;
        return engagement;
    }

    /** The deposit gate of SIGNED -> PROVISIONING: paid, or waived by a supervisor. */
    public boolean depositSettled() {
        return depositPaidAt != null || depositWaivedAt != null;
    }

    public void depositPaid(String invoiceNumber, Instant paidAt) {
        if (depositPaidAt == null) {
            depositPaidAt = paidAt;
            depositInvoice = invoiceNumber;
        }
    }

    public void waiveDeposit(String reason, String by, Instant now) {
        depositWaivedBy = by;
        depositWaiverReason = reason;
        depositWaivedAt = now;
        updatedAt = now;
    }

    /**
     * Moves the engagement to {@code to}, or refuses with {@link InvalidTransitionException}. Suspending remembers
     * where it was; resuming goes back exactly there.
     */
    public StageChange moveTo(Stage to, String reason, String by, Instant now) {
        Stage from = stage;
        if (!StageTransitions.allowed(from, to, suspendedFrom)) {
            throw new InvalidTransitionException(from, to, suspendedFrom);
        }
        if (from == Stage.SIGNED && to == Stage.PROVISIONING && !depositSettled()) {
            throw new DepositUnpaidException(id);
        }
        suspendedFrom = to == Stage.SUSPENDED ? from : null;
        stage = to;
        updatedAt = now;
        return new StageChange(this, from, to, reason, by, now);
    }

    /** The client accepts the delivery after its training: only from TRAINING, and it goes LIVE. */
    public StageChange accept(String by, String comment, Instant now) {
        if (stage != Stage.TRAINING) {
            throw new NotInTrainingException(id, stage);
        }
        acceptedBy = by;
        acceptedAt = now;
        acceptanceComment = comment;
        return moveTo(Stage.LIVE, "accepted by the client (" + by + ")" + (comment == null ? "" : ": " + comment), by,
                now);
    }
}
