package io.lobsterops.billing.service;


import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.billing.config.BillingConfig;
import io.lobsterops.billing.domain.Payment;
import io.lobsterops.billing.stripe.StripeGateway;
import io.lobsterops.billing.stripe.StripeGateway.PaidSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Compares Stripe's recent paid checkout sessions with the invoices and settles any invoice a lost webhook left
 * unpaid. Settling is the webhook's own path, so a session already settled changes nothing.
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    private final StripeGateway stripe;
    private final PaymentService payments;
    private final BillingConfig config;
    private final Vertx vertx;

    public Reconciliation(StripeGateway stripe, PaymentService payments, BillingConfig config, Vertx vertx) {
        this.stripe = stripe;
        this.payments = payments;
        this.config = config;
        this.vertx = vertx;
    }

    public Uni<Report> run() {
        if (!stripe.enabled()) {
            return Uni.createFrom().item(new Report(0, 0));
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                return stripe.paidSessionsSince(Clock.now().minus(config.stripe().reconciliationWindow()));
            } catch (Exception e) {
                throw new IllegalStateException("Stripe's session list is unavailable: " + e.getMessage(), e);
            }
        }), false).chain(paid -> Multi.createFrom().iterable(paid)
                .onItem().transformToUniAndConcatenate(this::repair)
                .collect().asList()
                .map(outcomes -> new Report(paid.size(),
                        (int) outcomes.stream().filter(o -> o == PaymentService.Settlement.SETTLED).count())));
    }

    @WithTransaction
    Uni<PaymentService.Settlement> repair(PaidSession session) {
        return payments.settle(session.invoiceId(), Payment.STRIPE,
                session.paymentIntentId() == null ? session.sessionId() : session.paymentIntentId(),
                "reconciliation", "Stripe session " + session.sessionId() + " paid; no webhook had settled it",
                Clock.now())
                .invoke(outcome -> {
                    if (outcome == PaymentService.Settlement.SETTLED) {
                        LOG.warnf("reconciliation settled invoice %s from Stripe session %s (missed webhook)",
                                session.invoiceId(), session.sessionId());
                    }
                });
    }

    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            every = "${lobsterops.billing.stripe.reconcile-every:10m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().onFailure().recoverWithItem(e -> {
            LOG.warnf("reconciliation skipped: %s", e.getMessage());
            return null;
        }).replaceWithVoid();
    }

    public record Report(int paidSessionsSeen, int invoicesRepaired) {
    }

}
