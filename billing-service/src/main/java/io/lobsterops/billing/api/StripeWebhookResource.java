package io.lobsterops.billing.api;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lobsterops.billing.service.PaymentService;
import io.lobsterops.billing.stripe.StripeWebhook;
import io.smallrye.mutiny.Uni;

/**
 * Stripe's webhook endpoint. Open (Stripe holds no token of ours): the signature on the raw body is the
 * authentication; a bad or stale one answers 400 and nothing is stored.
 */
@Path("/stripe/webhook")
@Tag(name = "Stripe", description = "Stripe's webhook deliveries")
@PermitAll
public class StripeWebhookResource {

    private final StripeWebhook webhook;
    private final PaymentService payments;

    public StripeWebhookResource(StripeWebhook webhook, PaymentService payments) {
        this.webhook = webhook;
        this.payments = payments;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A Stripe event: signature verified, handled once per event id")
    public Uni<Map<String, String>> receive(@HeaderParam("Stripe-Signature") String signature, String payload) {
        StripeWebhook.Notice notice = webhook.read(payload == null ? "" : payload, signature);
        return payments.stripeEvent(notice).map(outcome -> Map.of("id", notice.eventId(), "outcome", outcome));
    }
}
