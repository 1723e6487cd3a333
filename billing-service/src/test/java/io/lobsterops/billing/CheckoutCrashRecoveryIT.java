package io.lobsterops.billing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.EventTypes;
import io.lobsterops.testkit.Loopback;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.ServiceProcess;
import io.lobsterops.testkit.TestRun;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

/**
 * Stripe's answer and our commit, against a real crash: billing-service runs packaged, as a process, against the
 * loopback Stripe. The supervisor's signature issues the deposit invoice and billing asks Stripe for its Checkout
 * Session; the loopback Stripe creates it and, before answering, lets the test lock the invoice row, so billing holds
 * Stripe's answer and waits on that row to store it. The test sees billing waiting there and kills it (SIGKILL):
 * nothing was committed. After a restart there is still one session at Stripe for the invoice (asked again with the
 * same idempotency key), and the payment made on it settles the invoice once, with one {@code payment.received}.
 */
class CheckoutCrashRecoveryIT {

    static final String JDBC = TestRun.jdbcUrl("billing");
    static final String TOPIC = TestRun.own("billing-crash-it");
    static final Duration PATIENCE = Duration.ofSeconds(90);
    /** A start of the packaged service: seconds on an idle machine, minutes on a loaded 2-core one. */
    static final Duration START_PATIENCE = Duration.ofMinutes(4);
    static final String WEBHOOK_SECRET = "whsec_crash_it";
    static final OidcWiremockTestResource OIDC = new OidcWiremockTestResource();
    static final LoopbackStripe STRIPE = new LoopbackStripe();
    static String oidcUrl;

    final List<Process> services = new ArrayList<>();

    @BeforeAll
    static void loopbackStripeAndIdentityProvider() {
        STRIPE.start();
        oidcUrl = OIDC.start().get("keycloak.url") + "/realms/quarkus/";
    }

    @AfterAll
    static void stopThem() {
        STRIPE.stop();
        OIDC.stop();
    }

    @AfterEach
    void stopServices() {
        services.forEach(Process::destroyForcibly);
    }

    @Test
    void killedBetweenStripesAnswerAndTheCommitTheInvoiceKeepsOneSessionAndItsPaymentIsSettledOnce()
            throws Exception {
        UUID engagementId = account();
        int port = Loopback.freePort();
        Process first = startService(port, "1h");   // no sweep: the signature's own call is the one killed

        try (Connection hold = connect()) {
            hold.setAutoCommit(false);
            AtomicBoolean held = new AtomicBoolean();
            STRIPE.beforeAnswer(session -> {
                if (held.compareAndSet(false, true)) {
                    lock(hold, metadataInvoiceId(session));
                }
            });
            int version = given().port(port).auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                    .body(Billing.contract()).post("/engagements/{id}/contract", engagementId).then().statusCode(201)
                    .extract().path("version");
            CompletableFuture.runAsync(() -> given().port(port).auth().oauth2(Tokens.supervisor())
                    .post("/engagements/{id}/contract/versions/{v}/sign", engagementId, version));

            // Stripe answered, and billing waits on the invoice row to store that answer: kill it there
            await().atMost(PATIENCE).until(() -> STRIPE.answered().size() == 1 && waitingOn(hold) == 1);
            first.destroyForcibly().waitFor();
            hold.rollback();
        }
        String invoiceId = depositInvoice(engagementId);
        String sessionId = STRIPE.answered().getFirst();
        assertNull(storedSession(invoiceId), "billing committed the session before it was killed");
        assertEquals(1, STRIPE.sessionsOf(invoiceId).size());

        STRIPE.beforeAnswer(session -> {
        });
        startService(port, "1s");
        await().atMost(PATIENCE).until(() -> storedSession(invoiceId) != null);
        assertEquals(sessionId, storedSession(invoiceId), "the invoice got another session than the one created");
        assertEquals(1, STRIPE.sessionsOf(invoiceId).size(), "a second Checkout Session (a second charge) exists");
        assertTrue(STRIPE.answered().size() >= 2, "billing never asked Stripe again");

        // the client pays; the webhook settles the invoice, reconciliation and a redelivery change nothing
        String paymentIntent = STRIPE.pay(sessionId);
        String completed = Billing.sessionCompleted("evt_crash_" + UUID.randomUUID(), sessionId, invoiceId,
                paymentIntent);
        webhook(port, completed).then().statusCode(200).body("outcome", equalTo("settled"));
        given().port(port).auth().oauth2(Tokens.supervisor()).post("/stripe/reconciliation").then().statusCode(200)
                .body("paidSessionsSeen", equalTo(1)).body("invoicesRepaired", equalTo(0));
        webhook(port, completed).then().statusCode(200).body("outcome", equalTo("duplicate"));
        Map<String, Object> invoice = given().port(port).auth().oauth2(Tokens.engineer())
                .get("/invoices/{id}", invoiceId).then().statusCode(200).extract().jsonPath().getMap("");
        assertEquals("PAID", invoice.get("status"));
        assertEquals(paymentIntent, ((Map<?, ?>) invoice.get("payment")).get("reference"));

        assertTrue(KafkaTestClient.find(TOPIC, KafkaTestClient.event(EventTypes.PAYMENT_RECEIVED, engagementId),
                PATIENCE).isPresent(), "payment.received was not published");
        List<ConsumerRecord<String, String>> received = KafkaTestClient.findAll(TOPIC,
                KafkaTestClient.event(EventTypes.PAYMENT_RECEIVED, engagementId), 2, Duration.ofSeconds(3));
        assertEquals(1, received.size(), "payment.received published " + received.size() + " times");
        assertTrue(received.getFirst().value().contains("\"kind\":\"DEPOSIT\""), received.getFirst().value());
        List<ConsumerRecord<String, String>> issued = KafkaTestClient.findAll(TOPIC,
                KafkaTestClient.event(EventTypes.INVOICE_ISSUED, engagementId), 2, Duration.ofSeconds(3));
        assertEquals(1, issued.size(), "invoice.issued published " + issued.size() + " times");
        assertTrue(issued.getFirst().value().contains(sessionId), "invoice.issued carries the session's link");
    }

    private static io.restassured.response.Response webhook(int port, String payload) {
        return given().port(port).contentType(ContentType.JSON)
                .header("Stripe-Signature", Billing.signature(payload, Instant.now().getEpochSecond(), WEBHOOK_SECRET))
                .body(payload).post("/stripe/webhook");
    }

    /** A billing account as engagement.opened leaves it. */
    private static UUID account() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection db = connect(); PreparedStatement insert = db.prepareStatement("""
                insert into billing_account (engagement_id, client_id, client_name, billing_contact, billing_email,
                    currency, status, engagement_stage, opened_at, updated_at)
                values (?, ?, 'Crash Test Ltd', 'Ada', 'ada@crash.example', 'EUR', 'OPEN', 'PROPOSAL', now(), now())""")) {
            insert.setObject(1, id);
            insert.setString(2, "crash-" + id.toString().substring(0, 8));
            insert.executeUpdate();
        }
        return id;
    }

    private static String metadataInvoiceId(Map<String, Object> session) {
        return (String) ((Map<?, ?>) session.get("metadata")).get("invoice_id");
    }

    /** Locks the invoice row in the test's open transaction (billing stores a session under the same row lock). */
    private static void lock(Connection hold, String invoiceId) {
        try (PreparedStatement lock = hold.prepareStatement("select id from invoice where id = ? for update")) {
            lock.setObject(1, UUID.fromString(invoiceId));
            lock.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many other sessions of the database wait for a lock the test's transaction holds. */
    private static int waitingOn(Connection hold) throws SQLException {
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(
                "select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))")) {
            query.setInt(1, backendPid(hold));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static int backendPid(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("select pg_backend_pid()");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static String depositInvoice(UUID engagementId) throws SQLException {
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(
                "select id from invoice where engagement_id = ? and kind = 'DEPOSIT'")) {
            query.setObject(1, engagementId);
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next(), "no deposit invoice was committed");
                return rows.getString(1);
            }
        }
    }

    private static String storedSession(String invoiceId) throws SQLException {
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(
                "select stripe_session_id from invoice where id = ?")) {
            query.setObject(1, UUID.fromString(invoiceId));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(JDBC, "lobsterops", "lobsterops");
    }

    private Process startService(int port, String linkSweepEvery) throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        Path log = Path.of("target/crash-it-" + port + "-" + services.size() + ".log").toAbsolutePath();
        Process process = ServiceProcess.start(jar, port, log, START_PATIENCE, List.of(
                "-XX:TieredStopAtLevel=1",   // starts faster; the test measures nothing
                "-Dquarkus.oidc.auth-server-url=" + oidcUrl,
                "-Dlobsterops.messaging.topic=" + TOPIC,
                "-Dmp.messaging.incoming.engagement-events-in.group.id=" + TestRun.own("billing-service-crash-it"),
                "-Dlobsterops.billing.stripe.api-base=" + STRIPE.base(),
                "-Dlobsterops.billing.stripe.api-key=sk_test_crash_it",
                "-Dlobsterops.billing.stripe.webhook-secret=" + WEBHOOK_SECRET,
                "-Dlobsterops.billing.stripe.link-sweep-every=" + linkSweepEvery,
                "-Dlobsterops.billing.stripe.reconcile-every=off",
                "-Dlobsterops.billing.cycle-cron=off"));
        services.add(process);
        return process;
    }
}
