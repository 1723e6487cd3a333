package io.lobsterops.billing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.config.ConfigProvider;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** What the billing tests share: an engagement billing knows, a contract, the loopback Stripe, signed webhooks. */
final class Billing {

    /** How long an event's effect may take: more than 30 s on a loaded 2-core machine. */
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final String WEBHOOK_SECRET = "whsec_test_loopback_secret";

    private Billing() {
    }

    static String newClientId() {
        return "client-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An engagement opened by provisioning, once billing has its account. */
    static UUID openEngagement(String clientId) {
        EngagementOpened opened = Events.opened(UUID.randomUUID(), clientId, "Client " + clientId);
        Events.publish(opened);
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/account", opened.engagementId()).then().statusCode(200));
        return opened.engagementId();
    }

    /** A managed build of 4,000.00 EUR (deposit 2,000.00), 300.00 a month, tokens on the agency's key at +20 %. */
    static Map<String, Object> contract() {
        Map<String, Object> body = new HashMap<>();
        body.put("tier", "managed");
        body.put("currency", "EUR");
        body.put("buildPriceCents", 400_000);
        body.put("maintenanceMonthlyCents", 30_000);
        body.put("tokenPayer", "AGENCY");
        body.put("tokenMarkupBasisPoints", 2_000);
        body.put("monthlyTokenBudgetUsdCents", 10_000);
        return body;
    }

    static Map<String, Object> contract(String key, Object value) {
        Map<String, Object> body = contract();
        body.put(key, value);
        return body;
    }

    static Response draft(UUID engagementId, Map<String, Object> body) {
        return given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(body)
                .post("/engagements/{id}/contract", engagementId);
    }

    static Response sign(UUID engagementId, int version) {
        return given().auth().oauth2(Tokens.supervisor()).post("/engagements/{id}/contract/versions/{v}/sign",
                engagementId, version);
    }

    /** Drafts and signs the default contract; answers the deposit invoice's id. */
    static String signedWithDeposit(UUID engagementId, Map<String, Object> body) {
        int version = draft(engagementId, body).then().statusCode(201).extract().path("version");
        return sign(engagementId, version).then().statusCode(200).extract().path("depositInvoiceId");
    }

    static String signedWithDeposit(UUID engagementId) {
        return signedWithDeposit(engagementId, contract());
    }

    /** The invoice once its payment link is stored; answers its Stripe session id. */
    static String awaitPaymentLink(String invoiceId) {
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.supervisor())
                .get("/invoices/{id}", invoiceId).then().statusCode(200).body("paymentUrl", notNullValue()));
        String url = given().auth().oauth2(Tokens.supervisor()).get("/invoices/{id}", invoiceId).then()
                .extract().path("paymentUrl");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    static String stripeBase() {
        return ConfigProvider.getConfig().getValue("lobsterops.billing.stripe.api-base", String.class);
    }

    /** The client pays on Stripe's page: the session becomes paid (no webhook is sent). */
    static String payOnStripe(String sessionId) {
        return given().baseUri(stripeBase()).post("/_test/sessions/{id}/pay", sessionId).then().statusCode(200)
                .extract().path("payment_intent");
    }

    /** How many Checkout Sessions Stripe holds for an invoice. */
    static int sessionsOf(String invoiceId) {
        return given().baseUri(stripeBase()).get("/v1/checkout/sessions").then().statusCode(200).extract()
                .jsonPath().getList("data.findAll { it.metadata.invoice_id == '" + invoiceId + "' }").size();
    }

    static String sessionCompleted(String eventId, String sessionId, String invoiceId, String paymentIntent) {
        return """
                {"id":"%s","object":"event","type":"checkout.session.completed","created":%d,"data":{"object":
                {"id":"%s","object":"checkout.session","payment_status":"paid","status":"complete",
                "payment_intent":"%s","client_reference_id":"%s","metadata":{"invoice_id":"%s"}}}}"""
                .formatted(eventId, Instant.now().getEpochSecond(), sessionId, paymentIntent, invoiceId, invoiceId);
    }

    static String paymentIntent(String type, String eventId, String paymentIntent, String invoiceId) {
        return """
                {"id":"%s","object":"event","type":"%s","created":%d,"data":{"object":
                {"id":"%s","object":"payment_intent","amount_received":200000,"metadata":{"invoice_id":"%s"},
                "last_payment_error":{"message":"Your card was declined."}}}}"""
                .formatted(eventId, type, Instant.now().getEpochSecond(), paymentIntent, invoiceId);
    }

    static Response webhook(String payload) {
        return webhook(payload, signature(payload, Instant.now().getEpochSecond(), WEBHOOK_SECRET));
    }

    static Response webhook(String payload, String signature) {
        return given().contentType(ContentType.JSON).header("Stripe-Signature", signature).body(payload)
                .post("/stripe/webhook");
    }

    /** A {@code Stripe-Signature} header as Stripe computes it: HMAC-SHA256 of "timestamp.payload". */
    static String signature(String payload, long timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
