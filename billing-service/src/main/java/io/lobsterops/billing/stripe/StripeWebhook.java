package io.lobsterops.billing.stripe;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;

import io.lobsterops.billing.api.BillingProblems;
import io.lobsterops.billing.config.BillingConfig;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.SafeText;

/**
 * Reads a webhook delivery: the {@code Stripe-Signature} header is verified on the raw body with the endpoint secret
 * and the configured tolerance before anything is read, then the few fields we act on are taken from the event.
 */
@ApplicationScoped
public class StripeWebhook {

    public static final String SESSION_COMPLETED = "checkout.session.completed";
    public static final String PAYMENT_SUCCEEDED = "payment_intent.succeeded";
    public static final String PAYMENT_FAILED = "payment_intent.payment_failed";
    /** Stripe's ids are some 30 characters; its payment error messages a sentence or two. */
    static final int MAX_ID = 255;
    static final int MAX_MESSAGE = 2000;

    private final BillingConfig config;
    private final ObjectMapper json;

    public StripeWebhook(BillingConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    public Notice read(String payload, String signature) {
        String secret = config.stripe().webhookSecret().filter(s -> !s.isBlank())
                .orElseThrow(() -> new ProblemException(BillingProblems.STRIPE_NOT_CONFIGURED,
                        "This service has no webhook secret."));
        if (signature == null || signature.isBlank()) {
            throw new ProblemException(BillingProblems.BAD_SIGNATURE, "The Stripe-Signature header is missing.");
        }
        try {
            Webhook.Signature.verifyHeader(payload, signature, secret, config.stripe().signatureToleranceSeconds());
        } catch (SignatureVerificationException e) {
            throw new ProblemException(BillingProblems.BAD_SIGNATURE,
                    "The Stripe-Signature does not match this body, or it is"
                    + " older than " + config.stripe().signatureToleranceSeconds() + " seconds.");
        }
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (Exception e) {
            throw ProblemException.badRequest("The event is not JSON.");
        }
        String id = text(event.path("id"));
        String type = text(event.path("type"));
        if (id == null || type == null) {
            throw ProblemException.badRequest("The event has no id or type.");
        }
        JsonNode object = event.path("data").path("object");
        UUID invoiceId = null;
        String invoiceRef = text(object.path("metadata").path(StripeGateway.INVOICE_ID));
        if (invoiceRef == null) {
            invoiceRef = text(object.path("client_reference_id"));
        }
        if (invoiceRef != null) {
            try {
                invoiceId = UUID.fromString(invoiceRef);
            } catch (IllegalArgumentException notOurs) {
                invoiceId = null;
            }
        }
        String reference = switch (type) {
            case SESSION_COMPLETED -> firstNonNull(text(object.path("payment_intent")), text(object.path("id")));
            default -> text(object.path("id"));
        };
        boolean paid = switch (type) {
            case SESSION_COMPLETED -> "paid".equals(text(object.path("payment_status")));
            case PAYMENT_SUCCEEDED -> true;
            default -> false;
        };
        String failure = text(object.path("last_payment_error").path("message"));
        stored("id", id, MAX_ID);
        stored("type", type, MAX_ID);
        stored("reference", reference, MAX_ID);
        stored("last_payment_error.message", failure, MAX_MESSAGE);
        return new Notice(id, type, invoiceId, reference, paid, failure);
    }

    /**
     * A value of a verified event that is stored: bounded, and without the characters PostgreSQL refuses (a NUL) or
     * that display differently from what they are; Stripe's own ids and messages never have them.
     */
    private static void stored(String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            throw ProblemException.badRequest("The event's " + field + " is longer than " + max + " characters.");
        }
        int unsafe = SafeText.firstUnsafe(value);
        if (unsafe >= 0) {
            throw ProblemException.badRequest("The event's " + field + " contains " + SafeText.describe(value, unsafe)
                    + ".");
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.asText().isBlank() ? null : node.asText();
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    /** What a verified Stripe event tells us. */
    public record Notice(String eventId, String type, UUID invoiceId, String reference, boolean paid,
            String failure) {
    }
}
