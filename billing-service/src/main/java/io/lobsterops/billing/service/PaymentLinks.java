package io.lobsterops.billing.service;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.billing.domain.Invoice;
import io.lobsterops.billing.persistence.InvoiceRepository;
import io.lobsterops.billing.stripe.StripeGateway;
import io.lobsterops.billing.stripe.StripeGateway.CheckoutLink;
import io.lobsterops.billing.stripe.StripeGateway.PayableInvoice;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Gives each payable invoice its Stripe Checkout Session, outside the issuing transaction (Stripe is not called while
 * a database transaction is open): read the invoice, ask Stripe with the invoice's idempotency key, then store the
 * link and publish {@code invoice.issued} in a second transaction. A crash or a Stripe outage in between leaves the
 * invoice without a link; the sweep asks again with the same key and gets the same session.
 */
@ApplicationScoped
public class PaymentLinks {

    private static final Logger LOG = Logger.getLogger(PaymentLinks.class);

    private final InvoiceRepository invoices;
    private final InvoiceIssuer issuer;
    private final StripeGateway stripe;
    private final Vertx vertx;

    public PaymentLinks(InvoiceRepository invoices, InvoiceIssuer issuer, StripeGateway stripe, Vertx vertx) {
        this.invoices = invoices;
        this.issuer = issuer;
        this.stripe = stripe;
        this.vertx = vertx;
    }

    /** Creates and stores the link of one invoice when it has none; answers the invoice as it is now. */
    public Uni<Invoice> attach(UUID invoiceId) {
        if (!stripe.enabled()) {
            return readInvoice(invoiceId);
        }
        return readInvoice(invoiceId).chain(invoice -> {
            if (invoice == null || !invoice.isPayable() || invoice.stripeSessionId != null) {
                return Uni.createFrom().item(invoice);
            }
            PayableInvoice payable = new PayableInvoice(invoice.id, invoice.number, invoice.totalCents,
                    invoice.currency, invoice.billingEmail);
            return vertx.executeBlocking(Uni.createFrom().item(() -> {
                try {
                    return new Attempt(stripe.checkout(payable), null);
                } catch (Exception e) {
                    return new Attempt(null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                }
            }), false).chain(attempt -> store(invoiceId, attempt));
        });
    }

    @WithSession
    Uni<Invoice> readInvoice(UUID id) {
        return invoices.findById(id);
    }

    @WithTransaction
    Uni<Invoice> store(UUID invoiceId, Attempt attempt) {
        return invoices.forUpdate(invoiceId).call(invoice -> {
            if (invoice.stripeSessionId != null) {
                return Uni.createFrom().voidItem();   // another attempt got there first: same session, announced
            }
            if (attempt.link() == null) {
                LOG.warnf("no payment link yet for invoice %s: %s", invoice.number, attempt.error());
                invoice.linkFailed(attempt.error());
                return Uni.createFrom().voidItem();
            }
            invoice.linked(attempt.link().sessionId(), attempt.link().url());
            return issuer.announce(invoice);
        });
    }

    /** Invoices still without a link (issued by an event, or left by a crash or an outage): one at a time. */
    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            every = "${lobsterops.billing.stripe.link-sweep-every:15s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        if (!stripe.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return awaiting().onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> attach(id).onFailure().recoverWithItem(e -> {
                    LOG.warnf("payment link of invoice %s: %s", id, e.getMessage());
                    return null;
                }))
                .collect().last().replaceWithVoid();
    }

    @WithSession
    Uni<List<UUID>> awaiting() {
        return invoices.awaitingLink(Clock.now().minus(Duration.ofMillis(500)), 50);
    }

    record Attempt(CheckoutLink link, String error) {
    }
}
