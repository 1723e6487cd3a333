package io.lobsterops.billing.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.billing.api.BillingProblems;
import io.lobsterops.billing.domain.Invoice;
import io.lobsterops.billing.domain.Invoice.InvoiceStatus;
import io.lobsterops.billing.domain.Payment;
import io.lobsterops.billing.persistence.InvoiceRepository;
import io.lobsterops.billing.persistence.PaymentRepository;
import io.lobsterops.billing.persistence.StripeEventLog;
import io.lobsterops.billing.stripe.StripeWebhook;
import io.lobsterops.billing.stripe.StripeWebhook.Notice;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.events.InvoicePaid;
import io.lobsterops.events.PaymentFailed;
import io.lobsterops.events.PaymentReceived;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Payments settle invoices, whichever way they arrive (Stripe webhook, reconciliation, a supervisor's record): the
 * invoice row is locked, a paid invoice stays paid, and only the first settlement writes the payment and publishes
 * {@code invoice.paid} and {@code payment.received}.
 */
@ApplicationScoped
public class PaymentService {

    private static final Logger LOG = Logger.getLogger(PaymentService.class);

    private final InvoiceRepository invoices;
    private final PaymentRepository payments;
    private final StripeEventLog stripeEvents;
    private final Outbox outbox;

    public PaymentService(InvoiceRepository invoices, PaymentRepository payments, StripeEventLog stripeEvents,
            Outbox outbox) {
        this.invoices = invoices;
        this.payments = payments;
        this.stripeEvents = stripeEvents;
        this.outbox = outbox;
    }

    /** A verified Stripe event, once per event id: what it did is kept with the id. */
    @WithTransaction
    public Uni<String> stripeEvent(Notice notice) {
        Instant now = Clock.now();
        Uni<String> effect;
        if (notice.invoiceId() == null) {
            effect = Uni.createFrom().item("ignored: no invoice");
        } else if (notice.paid()) {
            effect = settle(notice.invoiceId(), Payment.STRIPE, notice.reference(), "stripe", null, now)
                    .map(Settlement::name).map(outcome -> outcome.toLowerCase());
        } else if (StripeWebhook.PAYMENT_FAILED.equals(notice.type())) {
            effect = failed(notice.invoiceId(), notice.failure(), now);
        } else {
            effect = Uni.createFrom().item("ignored: " + notice.type());
        }
        return stripeEvents.recordFirst(notice.eventId(), notice.type(), "received", now)
                .chain(first -> first ? effect : Uni.createFrom().item("duplicate"));
    }

    /** A supervisor's record of a payment made outside Stripe (a bank transfer): who and why are kept. */
    @WithTransaction
    public Uni<Payment> manual(UUID invoiceId, String reference, String reason, String by) {
        Instant now = Clock.now();
        return settle(invoiceId, Payment.MANUAL, reference, by, reason, now).chain(outcome -> switch (outcome) {
            case SETTLED -> payments.ofInvoice(invoiceId);
            case UNKNOWN_INVOICE -> Uni.createFrom().failure(ProblemException.notFound("Invoice", invoiceId));
            case ALREADY_PAID -> Uni.createFrom().failure(new ProblemException(BillingProblems.INVOICE_PAID,
                    "Invoice " + invoiceId + " is already paid."));
            case NOT_PAYABLE -> Uni.createFrom().failure(new ProblemException(BillingProblems.INVOICE_NOT_PAYABLE,
                    "Invoice " + invoiceId + " is a credit note or was credited; nothing is due."));
        });
    }

    /** Settles an invoice in the current transaction; callers call it from theirs. */
    public Uni<Settlement> settle(UUID invoiceId, String method, String reference, String by, String reason,
            Instant at) {
        return invoices.forUpdate(invoiceId).chain(invoice -> {
            if (invoice == null) {
                return Uni.createFrom().item(Settlement.UNKNOWN_INVOICE);
            }
            if (invoice.status == InvoiceStatus.PAID) {
                return Uni.createFrom().item(Settlement.ALREADY_PAID);
            }
            if (invoice.status != InvoiceStatus.ISSUED || invoice.kind == InvoiceKind.CREDIT_NOTE) {
                LOG.warnf("payment (%s %s) for invoice %s, which is %s: not applied", method, reference,
                        invoice.number, invoice.status);
                return Uni.createFrom().item(Settlement.NOT_PAYABLE);
            }
            invoice.paid(at);
            return payments.persist(Payment.of(invoice, method, reference, by, reason, at))
                    .chain(() -> outbox.append(new InvoicePaid(invoice.engagementId, invoice.clientId, invoice.id,
                            invoice.number, invoice.kind, invoice.totalCents, invoice.currency, method, at)))
                    .chain(() -> outbox.append(new PaymentReceived(invoice.engagementId, invoice.clientId,
                            invoice.id, invoice.number, invoice.paymentKind(), invoice.totalCents, invoice.currency,
                            at)))
                    .invoke(() -> LOG.infof("invoice %s paid (%s %s)", invoice.number, method, reference))
                    .replaceWith(Settlement.SETTLED);
        });
    }

    private Uni<String> failed(UUID invoiceId, String reason, Instant at) {
        return invoices.forUpdate(invoiceId).chain(invoice -> {
            if (invoice == null || invoice.status != InvoiceStatus.ISSUED) {
                return Uni.createFrom().item("ignored: invoice not due");
            }
            return outbox.append(new PaymentFailed(invoice.engagementId, invoice.clientId, invoice.id,
                    invoice.number, invoice.paymentKind(), invoice.totalCents, invoice.currency,
                    reason == null ? "payment failed" : reason, at)).replaceWith("payment failed");
        });
    }

    public Uni<Invoice> invoice(UUID id) {
        return invoices.findById(id);
    }

    public enum Settlement {
        SETTLED,
        ALREADY_PAID,
        UNKNOWN_INVOICE,
        NOT_PAYABLE
    }
}
