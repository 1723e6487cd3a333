package io.lobsterops.monitoring.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An invoice as billing announced it (invoice.issued) and whether it was paid (invoice.paid or payment.received):
 * the cockpit's "invoices overdue". Overdue = unpaid after its due day.
 */
@Entity
@Table(name = "known_invoice")
public class KnownInvoice {

    @Id
    @Column(name = "invoice_id")
    public UUID invoiceId;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(nullable = false)
    public String number;

    @Column(nullable = false)
    public String kind;

    @Column(name = "total_cents", nullable = false)
    public long totalCents;

    @Column(nullable = false)
    public String currency;

    @Column(name = "due_on")
    public LocalDate dueOn;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    @Column(name = "paid_at")
    public Instant paidAt;

    protected KnownInvoice() {
    }

    public KnownInvoice(UUID invoiceId, UUID engagementId, String clientId, String number, String kind,
            long totalCents, String currency, LocalDate dueOn, Instant issuedAt) {
        this.invoiceId = invoiceId;
        this.engagementId = engagementId;
        this.clientId = clientId;
        this.number = number;
        this.kind = kind;
        this.totalCents = totalCents;
        this.currency = currency;
        this.dueOn = dueOn;
        this.issuedAt = issuedAt;
    }

    public void paid(Instant at) {
        if (paidAt == null) {
            paidAt = at;
        }
    }

    public boolean overdueOn(LocalDate today) {
        return paidAt == null && dueOn != null && dueOn.isBefore(today) && totalCents > 0;
    }
}
