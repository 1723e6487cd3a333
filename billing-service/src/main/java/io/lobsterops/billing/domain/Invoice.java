package io.lobsterops.billing.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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

    /** Who is billed and on which terms, as they stand the day the invoice is issued (copied onto it). */
    public record Terms(BillingAccount account, UUID contractId, InvoiceKind kind, String period, Instant serviceFrom,
            Instant serviceTo, UUID creditedInvoiceId, String reason, String currency, String clientCountry,
            int vatRateBasisPoints, int paymentTermsDays) {
    }

    /** The seller as the invoice names it. */
    public record Seller(String name, String address, String legalMentions) {
    }

    /**
     * Issued now with the year's next {@code sequence} ({@code prefix-year-000042}): its lines numbered in order, the
     * subtotal their sum, the VAT rounded to the cent, due {@code paymentTermsDays} after today (UTC).
     */
    public static Invoice issued(Terms terms, Seller seller, String prefix, int sequence, List<InvoiceLine> lines,
            Instant at) {
        int year = at.atZone(ZoneOffset.UTC).getYear();
        long subtotal = lines.stream().mapToLong(line -> line.amountCents).sum();
        long vat = Math.round(subtotal * terms.vatRateBasisPoints() / 10_000.0);
        Invoice invoice = new Invoice();
        invoice.id = UUID.randomUUID();
        invoice.engagementId = terms.account().engagementId;
        invoice.clientId = terms.account().clientId;
        invoice.contractId = terms.contractId();
        invoice.kind = terms.kind();
        invoice.year = year;
        invoice.sequence = sequence;
        invoice.number = "%s-%d-%06d".formatted(prefix, year, sequence);
        invoice.period = terms.period();
        invoice.serviceFrom = terms.serviceFrom();
        invoice.serviceTo = terms.serviceTo();
        invoice.creditedInvoiceId = terms.creditedInvoiceId();
        invoice.reason = terms.reason();
        invoice.currency = terms.currency();
        invoice.clientName = terms.account().clientName;
        invoice.clientCountry = terms.clientCountry();
        invoice.billingEmail = terms.account().billingEmail;
        invoice.sellerName = seller.name();
        invoice.sellerAddress = seller.address();
        invoice.sellerMentions = seller.legalMentions();
        invoice.vatRateBasisPoints = terms.vatRateBasisPoints();
        invoice.subtotalCents = subtotal;
        invoice.vatCents = vat;
        invoice.totalCents = subtotal + vat;
        invoice.issuedAt = at;
        invoice.dueOn = at.atZone(ZoneOffset.UTC).toLocalDate().plusDays(terms.paymentTermsDays());
        invoice.status = InvoiceStatus.ISSUED;
        int position = 1;
        for (InvoiceLine line : lines) {
            line.on(invoice.id, position++);
        }
        return invoice;
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
