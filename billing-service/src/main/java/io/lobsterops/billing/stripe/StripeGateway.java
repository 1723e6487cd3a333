package io.lobsterops.billing.stripe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionListParams;

import io.lobsterops.billing.config.BillingConfig;

/**
 * Stripe, through stripe-java: a Checkout Session per invoice and the list of recent sessions for reconciliation.
 * Blocking calls: run them off the event loop. The API base URL is configuration (a loopback server in tests).
 */
@ApplicationScoped
public class StripeGateway {

    /** The metadata key that ties a session and its payment intent to our invoice. */
    public static final String INVOICE_ID = "invoice_id";

    private final BillingConfig config;
    private final Optional<StripeClient> client;

    public StripeGateway(BillingConfig config) {
        this.config = config;
        this.client = config.stripe().apiKey().filter(key -> !key.isBlank())
                .map(key -> StripeClient.builder().setApiKey(key).setApiBase(config.stripe().apiBase())
                        .setMaxNetworkRetries(2).build());
    }

    public boolean enabled() {
        return client.isPresent();
    }

    /**
     * The Checkout Session of an invoice. The idempotency key is derived from the invoice id, so a retry (after a
     * timeout, a crash before our commit, a second sweep) gets the same session back, never a second one.
     */
    public CheckoutLink checkout(PayableInvoice invoice) throws StripeException {
        String invoiceId = invoice.id().toString();
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setClientReferenceId(invoiceId)
                .putMetadata(INVOICE_ID, invoiceId)
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata(INVOICE_ID, invoiceId)
                        .setDescription("Invoice " + invoice.number())
                        .build())
                .setSuccessUrl(config.stripe().successUrl())
                .setCancelUrl(config.stripe().cancelUrl())
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(invoice.currency().toLowerCase(Locale.ROOT))
                                .setUnitAmount(invoice.totalCents())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName("Invoice " + invoice.number()).build())
                                .build())
                        .build());
        if (invoice.email() != null && !invoice.email().isBlank()) {
            params.setCustomerEmail(invoice.email());
        }
        Session session = stripe().v1().checkout().sessions().create(params.build(),
                RequestOptions.builder().setIdempotencyKey(idempotencyKey(invoice.id())).build());
        return new CheckoutLink(session.getId(), session.getUrl());
    }

    public static String idempotencyKey(UUID invoiceId) {
        return "lobsterops-invoice-" + invoiceId + "-checkout";
    }

    /** Checkout sessions created since {@code since} that Stripe says are paid and name one of our invoices. */
    public List<PaidSession> paidSessionsSince(Instant since) throws StripeException {
        SessionListParams params = SessionListParams.builder()
                .setCreated(SessionListParams.Created.builder().setGte(since.getEpochSecond()).build())
                .setLimit(100L)
                .build();
        List<PaidSession> paid = new ArrayList<>();
        for (Session session : stripe().v1().checkout().sessions().list(params).autoPagingIterable()) {
            String invoiceId = session.getMetadata() == null ? null : session.getMetadata().get(INVOICE_ID);
            if ("paid".equals(session.getPaymentStatus()) && invoiceId != null) {
                try {
                    paid.add(new PaidSession(session.getId(), UUID.fromString(invoiceId), session.getPaymentIntent()));
                } catch (IllegalArgumentException notOurs) {
                    // a session of another integration on the same account
                }
            }
        }
        return paid;
    }

    private StripeClient stripe() {
        return client.orElseThrow(() -> new IllegalStateException("Stripe is not configured"));
    }

    public record PayableInvoice(UUID id, String number, long totalCents, String currency, String email) {
    }

    public record CheckoutLink(String sessionId, String url) {
    }

    public record PaidSession(String sessionId, UUID invoiceId, String paymentIntentId) {
    }
}
