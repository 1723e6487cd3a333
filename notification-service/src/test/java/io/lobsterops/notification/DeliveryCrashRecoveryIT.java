package io.lobsterops.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lobsterops.notification.support.FakeTelegram;
import io.lobsterops.testkit.Loopback;
import io.lobsterops.testkit.ServiceProcess;
import io.lobsterops.testkit.TestRun;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The delivery queue against a real crash, on the packaged service run as a process: SIGKILL while ten Telegram sends
 * are in flight (the loopback Bot API has received them and holds its answers), ten more queued while it is down,
 * then a restart. Each of the twenty reaches Telegram exactly once: the queued ones are sent after the restart, the
 * ones in flight are recovered as UNCERTAIN and not sent again (ADR 0014: at most once past the claim).
 * Runs with {@code ./dev/test -pl notification-service -DskipITs=false}.
 */
class DeliveryCrashRecoveryIT {

    static final Path ROOT = Path.of(System.getProperty("lobsterops.root", "..")).toAbsolutePath().normalize();
    static final String JDBC = TestRun.jdbcUrl("notification");
    static final OidcWiremockTestResource OIDC = new OidcWiremockTestResource();
    static final FakeTelegram TELEGRAM = new FakeTelegram();
    static String oidcUrl;

    final List<Process> services = new ArrayList<>();

    @BeforeAll
    static void loopbackTelegramAndIdentityProvider() {
        TELEGRAM.start();
        oidcUrl = OIDC.start().get("keycloak.url") + "/realms/quarkus/";
    }

    @AfterAll
    static void stopThem() {
        TELEGRAM.stop();
        OIDC.stop();
    }

    @AfterEach
    void stopServices() {
        services.forEach(Process::destroyForcibly);
    }

    @Test
    void deliveriesInFlightAndQueuedWhenTheServiceIsKilledReachTelegramOnceEach() throws Exception {
        String clientId = "crash" + UUID.randomUUID().toString().substring(0, 8);
        String chat = "-77" + (long) (Math.random() * 1_000_000_000L);
        UUID destination = destination(clientId, chat);
        Map<UUID, String> inFlight = queue(destination, clientId, "inflight", 10);
        TELEGRAM.hold(chat);

        int port = Loopback.freePort();
        Process first = startService(port);
        await().atMost(Duration.ofSeconds(60)).until(() -> TELEGRAM.callsTo(chat).size() == inFlight.size());
        first.destroyForcibly().waitFor();     // SIGKILL: no shutdown hook, nothing recorded

        Map<UUID, String> queued = queue(destination, clientId, "whiledown", 10);
        TELEGRAM.release();
        startService(port);

        Map<UUID, String> expected = new HashMap<>(inFlight);
        expected.putAll(queued);
        await().atMost(Duration.ofSeconds(90)).until(() -> statuses(expected.keySet()).values().stream()
                .allMatch(status -> status.equals("SENT") || status.equals("UNCERTAIN")));
        Map<UUID, String> statuses = statuses(expected.keySet());
        inFlight.keySet().forEach(id -> assertEquals("UNCERTAIN", statuses.get(id), "in flight at the kill: " + id));
        queued.keySet().forEach(id -> assertEquals("SENT", statuses.get(id), "queued while down: " + id));
        for (String marker : expected.values()) {
            assertEquals(1, TELEGRAM.callsTo(chat).stream().filter(call -> call.text().contains(marker)).count(),
                    "Telegram received " + marker + " once");
        }
    }

    private static UUID destination(String clientId, String chat) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection db = connect(); PreparedStatement insert = db.prepareStatement("""
                insert into destination (id, name, channel, client_id, address, created_at, created_by)
                values (?, 'crash test', 'TELEGRAM', ?, ?, now(), 'crash-it')""")) {
            insert.setObject(1, id);
            insert.setString(2, clientId);
            insert.setString(3, chat);
            insert.executeUpdate();
        }
        return id;
    }

    /** Queues {@code count} client messages with one delivery each; answers delivery id → text marker. */
    private static Map<UUID, String> queue(UUID destination, String clientId, String batch, int count)
            throws SQLException {
        Map<UUID, String> deliveries = new HashMap<>();
        try (Connection db = connect()) {
            db.setAutoCommit(false);
            try (PreparedStatement message = db.prepareStatement("""
                    insert into inbox_message (id, engagement_id, client_id, priority, audience, title, body,
                        source_event_id, source_event_type, created_at, updated_at)
                    values (?, ?, ?, 'P3', 'CLIENT', ?, 'crash test', ?, 'lobsterops.agent.stable', now(), now())""");
                    PreparedStatement delivery = db.prepareStatement("""
                            insert into delivery (id, message_id, destination_id, client_id, channel, kind, seq,
                                status, attempts, next_attempt_at, created_at)
                            values (?, ?, ?, ?, 'TELEGRAM', 'SEND', 0, 'PENDING', 0, now(), now())""")) {
                for (int i = 0; i < count; i++) {
                    UUID messageId = UUID.randomUUID();
                    String marker = batch + i + "x" + messageId.toString().substring(0, 8);
                    message.setObject(1, messageId);
                    message.setObject(2, UUID.randomUUID());
                    message.setString(3, clientId);
                    message.setString(4, "Message " + marker);
                    message.setString(5, "crash-it:" + messageId);
                    message.executeUpdate();
                    UUID id = UUID.randomUUID();
                    delivery.setObject(1, id);
                    delivery.setObject(2, messageId);
                    delivery.setObject(3, destination);
                    delivery.setString(4, clientId);
                    delivery.executeUpdate();
                    deliveries.put(id, marker);
                }
            }
            db.commit();
        }
        return deliveries;
    }

    private static Map<UUID, String> statuses(java.util.Collection<UUID> ids) throws SQLException {
        Map<UUID, String> statuses = new HashMap<>();
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(
                "select id, status from delivery where id = any(?)")) {
            query.setArray(1, db.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statuses.put(rows.getObject(1, UUID.class), rows.getString(2));
                }
            }
        }
        return statuses;
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(JDBC, "lobsterops", "lobsterops");
    }

    private Process startService(int port) throws IOException {
        Path jar = ROOT.resolve("notification-service/target/quarkus-app/quarkus-run.jar");
        Path log = ROOT.resolve("notification-service/target/crash-it-" + port + "-" + services.size() + ".log");
        Process process = ServiceProcess.start(jar, port, log, Duration.ofSeconds(90), List.of(
                "-Dquarkus.oidc.auth-server-url=" + oidcUrl,
                "-Dlobsterops.messaging.topic=" + TestRun.own("notification-crash-it"),
                "-Dmp.messaging.incoming.engagement-events-in.group.id=" + TestRun.own("notification-service-crash-it"),
                "-Dlobsterops.notification.secrets.key=m4x5Emue/MeHeDqJsjJphyGbjR6DCBUgCkBIWwoB5PE=",
                "-Dlobsterops.notification.telegram.api-root=" + TELEGRAM.apiRoot(),
                "-Dlobsterops.notification.telegram.bot-token=" + FakeTelegram.BOT_TOKEN,
                "-Dlobsterops.notification.telegram.per-chat-interval=0s",
                "-Dlobsterops.notification.delivery.lease=3s",
                "-Dlobsterops.notification.digest.scheduled=false"));
        services.add(process);
        return process;
    }
}
