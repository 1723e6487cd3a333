package io.lobsterops.billing.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The payment that settled an invoice: through Stripe, or recorded by a supervisor (who, why). */
@Entity
@Table(name = "payment")
public class Payment {

    public static final String STRIPE = "stripe";
    public static final String MANUAL = "manual";

    @Id
    public UUID id;

    @Column(name = "invoice_id", nullable = false)
    public UUID invoiceId;

    @Column(nullable = false)
    public String method;

    public String reference;

    @Column(name = "amount_cents", nullable = false)
    public long amountCents;

    @Column(nullable = false)
    public String currency;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    public String reason;

    @Column(name = "paid_at", nullable = false)
    public Instant paidAt;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    protected Payment() {
    }

    public static Payment of(Invoice invoice, String method, String reference, String by, String reason, Instant at) {
        Payment p = new Payment();
        p.id = UUID.randomUUID();
        p.invoiceId = invoice.id;
        p.method = method;
        p.reference = reference;
        p.amountCents = invoice.totalCents;
        p.currency = invoice.currency;
        p.recordedBy = by;
        p.reason = reason;
        p.paidAt = at;
        p.recordedAt = at;
        return p;
    }
}
