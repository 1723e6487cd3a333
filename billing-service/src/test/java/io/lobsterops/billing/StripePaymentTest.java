package io.lobsterops.billing;

import static io.lobsterops.billing.Billing.PATIENCE;
import static io.lobsterops.billing.Billing.WEBHOOK_SECRET;
import static io.lobsterops.billing.Billing.awaitPaymentLink;
import static io.lobsterops.billing.Billing.newClientId;
import static io.lobsterops.billing.Billing.openEngagement;
import static io.lobsterops.billing.Billing.payOnStripe;
import static io.lobsterops.billing.Billing.paymentIntent;
import static io.lobsterops.billing.Billing.sessionCompleted;
import static io.lobsterops.billing.Billing.signature;
import static io.lobsterops.billing.Billing.signedWithDeposit;
import static io.lobsterops.billing.Billing.webhook;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.billing.stripe.StripeGateway;
import io.lobsterops.events.EventTypes;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class StripePaymentTest {

    @Inject
    StripeGateway stripe;

    @Test
    void theDepositPaidThroughStripePublishesOnePaymentReceivedWhateverStripeRedelivers() throws Exception {
        String clientId = newClientId();
        UUID engagementId = openEngagement(clientId);
        String invoiceId = signedWithDeposit(engagementId);
        String sessionId = awaitPaymentLink(invoiceId);
        String paymentIntent = payOnStripe(sessionId);

        // the payment intent's event first, then the session's ten times
        String succeeded = paymentIntent(StripeWebhookEvents.SUCCEEDED, "evt_pi_" + UUID.randomUUID(), paymentIntent,
                invoiceId);
        webhook(succeeded).then().statusCode(200).body("outcome", equalTo("settled"));
        String completed = sessionCompleted("evt_cs_" + UUID.randomUUID(), sessionId, invoiceId, paymentIntent);
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            outcomes.add(webhook(completed).then().statusCode(200).extract().path("outcome"));
        }
        webhook(succeeded).then().statusCode(200).body("outcome", equalTo("duplicate"));
        assertEquals("already_paid", outcomes.getFirst());
        assertTrue(outcomes.subList(1, 10).stream().allMatch("duplicate"::equals), outcomes.toString());

        given().auth().oauth2(Tokens.engineer()).get("/invoices/{id}", invoiceId).then().statusCode(200)
                .body("status", equalTo("PAID")).body("paidAt", notNullValue())
                .body("payment.method", equalTo("stripe")).body("payment.reference", equalTo(paymentIntent))
                .body("payment.amountCents", equalTo(200_000));
        // the client sees how it paid, not Stripe's PaymentIntent id nor who recorded it (ADR 0052)
        given().auth().oauth2(Tokens.client(clientId)).get("/invoices/{id}", invoiceId).then().statusCode(200)
                .body("status", equalTo("PAID")).body("payment.method", equalTo("stripe"))
                .body("payment.amountCents", equalTo(200_000)).body("payment.reference", nullValue())
                .body("payment.recordedBy", nullValue()).body(not(containsString(paymentIntent)));

        // an amendment signed afterwards: its contract.signed is published after everything before it
        Billing.draft(engagementId, Billing.contract("maintenanceMonthlyCents", 31_000)).then().statusCode(201);
        Billing.sign(engagementId, 2).then().statusCode(200);
        KafkaTestClient.find(KafkaTestClient.TOPIC, record -> isContractVersion(record, engagementId, 2), PATIENCE)
                .orElseThrow(() -> new AssertionError("the amendment's contract.signed was not published"));
        List<ConsumerRecord<String, String>> received = KafkaTestClient.findAll(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.PAYMENT_RECEIVED, engagementId), 2, Duration.ofSeconds(3));
        assertEquals(1, received.size(), "payment.received published " + received.size() + " times");
        JsonNode payment = new ObjectMapper().readTree(received.getFirst().value());
        assertEquals("DEPOSIT", payment.get("kind").asText());
        assertEquals(invoiceId, payment.get("invoiceId").asText());
        assertEquals(200_000, payment.get("amountCents").asLong());
        assertEquals(1, KafkaTestClient.findAll(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.INVOICE_PAID, engagementId), 2, Duration.ofSeconds(3)).size());
    }

    @Test
    void aBadOrStaleSignatureAnswers400AndStoresNothing() {
        UUID engagementId = openEngagement(newClientId());
        String invoiceId = signedWithDeposit(engagementId);
        String sessionId = awaitPaymentLink(invoiceId);
        String paymentIntent = payOnStripe(sessionId);
        String completed = sessionCompleted("evt_cs_" + UUID.randomUUID(), sessionId, invoiceId, paymentIntent);
        long now = Instant.now().getEpochSecond();

        assertProblem(webhook(completed, signature(completed, now, "whsec_someone_else")).then(), 400,
                "bad-signature");
        assertProblem(webhook(completed, signature(completed, now - 600, WEBHOOK_SECRET)).then(), 400,
                "bad-signature");
        assertProblem(webhook(completed + " ", signature(completed, now, WEBHOOK_SECRET)).then(), 400,
                "bad-signature");
        assertProblem(given().contentType("application/json").body(completed).post("/stripe/webhook").then(), 400,
                "bad-signature");
        given().auth().oauth2(Tokens.engineer()).get("/invoices/{id}", invoiceId).then()
                .body("status", equalTo("ISSUED"));

        // the same event, properly signed, was never recorded: it takes effect now
        webhook(completed).then().statusCode(200).body("outcome", equalTo("settled"));
        given().auth().oauth2(Tokens.engineer()).get("/invoices/{id}", invoiceId).then()
                .body("status", equalTo("PAID"));
    }

    @Test
    void aSignedEventThatIsNotJsonIsABadRequest() {
        assertProblem(webhook("not json").then(), 400, "bad-request");
        assertProblem(webhook("{\"object\":\"event\"}").then(), 400, "bad-request");
        webhook("{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"customer.created\",\"data\":{\"object\":{}}}")
                .then().statusCode(200).body("outcome", equalTo("ignored: no invoice"));
    }

    @Test
    void aFailedPaymentPublishesPaymentFailedAndTheInvoiceStaysDue() throws Exception {
        UUID engagementId = openEngagement(newClientId());
        String invoiceId = signedWithDeposit(engagementId);
        webhook(paymentIntent(StripeWebhookEvents.FAILED, "evt_" + UUID.randomUUID(), "pi_declined", invoiceId))
                .then().statusCode(200).body("outcome", equalTo("payment failed"));
        ConsumerRecord<String, String> failed = KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.PAYMENT_FAILED, engagementId), PATIENCE)
                .orElseThrow(() -> new AssertionError("payment.failed was not published"));
        JsonNode payload = new ObjectMapper().readTree(failed.value());
        assertEquals("Your card was declined.", payload.get("reason").asText());
        assertEquals("DEPOSIT", payload.get("kind").asText());
        given().auth().oauth2(Tokens.engineer()).get("/invoices/{id}", invoiceId).then()
                .body("status", equalTo("ISSUED"));
    }

    @Test
    void aRetriedCheckoutCreationGetsTheSameSessionNeverASecondOne() throws Exception {
        // what a crash between Stripe's answer and our commit leads to: the same request again, same key
        var invoice = new StripeGateway.PayableInvoice(UUID.randomUUID(), "LO-TEST-000001", 12_345, "EUR",
                "ada@example.test");
        StripeGateway.CheckoutLink first = stripe.checkout(invoice);
        StripeGateway.CheckoutLink second = stripe.checkout(invoice);
        assertEquals(first, second);
        assertEquals(1, Billing.sessionsOf(invoice.id().toString()), "a second session was created");
    }

    @Test
    void aSessionWhoseAnswerWasLostIsAskedForAgainAndNoSecondOneIsCreated() {
        given().baseUri(Billing.stripeBase()).post("/_test/lose-next-answer").then().statusCode(200);
        UUID engagementId = openEngagement(newClientId());
        String invoiceId = signedWithDeposit(engagementId);   // Stripe creates the session, its answer is lost
        String sessionId = awaitPaymentLink(invoiceId);       // asked again with the same key: the same session
        given().baseUri(Billing.stripeBase()).get("/_test/sessions/{id}", sessionId).then().statusCode(200)
                .body("metadata.invoice_id", equalTo(invoiceId));
        assertEquals(1, Billing.sessionsOf(invoiceId), "sessions created for one invoice");
    }

    @Test
    void reconciliationSettlesAnInvoiceWhoseWebhookWasLost() {
        UUID engagementId = openEngagement(newClientId());
        String invoiceId = signedWithDeposit(engagementId);
        payOnStripe(awaitPaymentLink(invoiceId));   // paid on Stripe; the webhook never arrives

        assertProblem(given().auth().oauth2(Tokens.engineer()).post("/stripe/reconciliation").then(), 403,
                "forbidden");
        given().auth().oauth2(Tokens.supervisor()).post("/stripe/reconciliation").then().statusCode(200);
        given().auth().oauth2(Tokens.engineer()).get("/invoices/{id}", invoiceId).then()
                .body("status", equalTo("PAID")).body("payment.recordedBy", equalTo("reconciliation"));
        assertTrue(KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.PAYMENT_RECEIVED, engagementId), PATIENCE).isPresent());
        // a second run changes nothing
        given().auth().oauth2(Tokens.supervisor()).post("/stripe/reconciliation").then().statusCode(200);
    }

    @Test
    void aSupervisorRecordsAManualPaymentWithWhoAndWhy() {
        UUID engagementId = openEngagement(newClientId());
        String invoiceId = signedWithDeposit(engagementId);
        String body = "{\"reference\":\"SEPA 2026-11-30 ACME\",\"reason\":\"paid by bank transfer\"}";
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType("application/json").body(body)
                .post("/invoices/{id}/payments", invoiceId).then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType("application/json")
                .body("{\"reference\":\"x\"}").post("/invoices/{id}/payments", invoiceId).then(), 400, "validation");
        given().auth().oauth2(Tokens.supervisor()).contentType("application/json").body(body)
                .post("/invoices/{id}/payments", invoiceId).then().statusCode(201)
                .body("status", equalTo("PAID")).body("payment.method", equalTo("manual"))
                .body("payment.recordedBy", equalTo("sophie"))
                .body("payment.reason", equalTo("paid by bank transfer"));
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType("application/json").body(body)
                .post("/invoices/{id}/payments", invoiceId).then(), 409, "invoice-paid");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType("application/json").body(body)
                .post("/invoices/{id}/payments", UUID.randomUUID()).then(), 404, "not-found");
        assertTrue(KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.PAYMENT_RECEIVED, engagementId), PATIENCE).isPresent());
    }

    private static boolean isContractVersion(ConsumerRecord<String, String> record, UUID engagementId, int version) {
        if (!KafkaTestClient.event(EventTypes.CONTRACT_SIGNED, engagementId).test(record)) {
            return false;
        }
        return record.value().contains("\"version\":" + version);
    }

    /** The Stripe event types the tests send. */
    static final class StripeWebhookEvents {
        static final String SUCCEEDED = "payment_intent.succeeded";
        static final String FAILED = "payment_intent.payment_failed";
    }
}
