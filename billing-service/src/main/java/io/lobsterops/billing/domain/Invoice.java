package io.lobsterops.billing.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.lobsterops.events.InvoiceKind;
import io.lobsterops.events.PaymentKind;

/**
 * An issued invoice (or credit note): numbered, with the seller's mentions and the client's VAT rate of the day it
 * was issued. What it says never changes once issued (the database refuses it); only its payment state and payment
 * link do.
 */
@Entity
@Table(name = "invoice")
public class Invoice {

    @Id
    public UUID id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "contract_id")
    public UUID contractId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public InvoiceKind kind;

    @Column(nullable = false)
    public String number;

    @Column(nullable = false)
    public int year;

    @Column(nullable = false)
    public int sequence;

    public String period;

    /** The service interval a periodic invoice bills, [serviceFrom, serviceTo); null before it was recorded. */
    @Column(name = "service_from")
    public Instant serviceFrom;

    @Column(name = "service_to")
    public Instant serviceTo;

    @Column(name = "credited_invoice_id")
    public UUID creditedInvoiceId;

    public String reason;

    @Column(nullable = false)
    public String currency;

    @Column(name = "client_name", nullable = false)
    public String clientName;

    @Column(name = "client_country", nullable = false)
    public String clientCountry;

    @Column(name = "billing_email")
    public String billingEmail;

    @Column(name = "seller_name", nullable = false)
    public String sellerName;

    @Column(name = "seller_address", nullable = false)
    public String sellerAddress;

    @Column(name = "seller_mentions", nullable = false)
    public String sellerMentions;

    @Column(name = "vat_rate_basis_points", nullable = false)
    public int vatRateBasisPoints;

    @Column(name = "subtotal_cents", nullable = false)
    public long subtotalCents;

    @Column(name = "vat_cents", nullable = false)
    public long vatCents;

    @Column(name = "total_cents", nullable = false)
    public long totalCents;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    @Column(name = "due_on", nullable = false)
    public LocalDate dueOn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public InvoiceStatus status;

    @Column(name = "payment_url")
    public String paymentUrl;

    @Column(name = "stripe_session_id")
    public String stripeSessionId;

    @Column(name = "link_attempts", nullable = false)
    public int linkAttempts;

    @Column(name = "link_error")
    public String linkError;

    @Column(name = "paid_at")
    public Instant paidAt;

    public Invoice() {
    }

    public boolean isPayable() {
        return status == InvoiceStatus.ISSUED && kind != InvoiceKind.CREDIT_NOTE && totalCents > 0;
    }

    public void paid(Instant at) {
        status = InvoiceStatus.PAID;
        paidAt = at;
    }

    public void credited() {
        status = InvoiceStatus.CREDITED;
    }

    public void linked(String sessionId, String url) {
        stripeSessionId = sessionId;
        paymentUrl = url;
        linkError = null;
    }

    public void linkFailed(String error) {
        linkAttempts++;
        linkError = error;
    }

    /** What a payment of this invoice settles, in the contract's words (a credit note is never paid). */
    public PaymentKind paymentKind() {
        return switch (kind) {
            case DEPOSIT -> PaymentKind.DEPOSIT;
            case BALANCE -> PaymentKind.BALANCE;
            case USAGE -> PaymentKind.USAGE;
            case FINAL -> PaymentKind.FINAL;
            case MAINTENANCE, CREDIT_NOTE -> PaymentKind.MAINTENANCE;
        };
    }

    public enum InvoiceStatus {
        ISSUED,
        PAID,
        CREDITED
    }
}
