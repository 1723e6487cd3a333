package io.lobsterops.notification;

import static io.lobsterops.notification.support.Fixtures.PATIENCE;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.lobsterops.events.GatewayHealth;
import io.lobsterops.events.GatewayHealthChanged;
import io.lobsterops.notification.support.Fixtures;
import io.lobsterops.testkit.Events;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A grouped message updated while a worker is claiming its waiting edit: the claim turns the edit PENDING -> SENDING
 * and reads the message's text in one transaction. The update must not conclude from the edit still looking PENDING
 * that it will carry the new text — the claim read the old one — so it waits for the claim and adds an edit of its
 * own. Played here with a claim held open by hand, the update arriving meanwhile.
 */
@QuarkusTest
class EditClaimRaceTest {

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void onDuty() {
        Fixtures.staffOnDuty();
    }

    long count(String sql, UUID messageId) throws SQLException {
        try (Connection connection = db.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, messageId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Whether a transaction waits for a row lock of the delivery queue (the update, on the edit being claimed). */
    boolean waitingForTheClaim() throws SQLException {
        try (Connection connection = db.getConnection();
                PreparedStatement query = connection.prepareStatement("select count(*) from pg_stat_activity"
                        + " where wait_event_type = 'Lock' and datname = current_database()"
                        + " and query like '%delivery%' and query like '%for update%'");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1) > 0;
        }
    }

    @Test
    void anUpdateDuringTheClaimOfTheWaitingEditGetsAnEditOfItsOwn() throws Exception {
        String clientId = Fixtures.newClientId();
        UUID engagementId = UUID.randomUUID();
        UUID gatewayId = UUID.randomUUID();
        Events.publish(new GatewayHealthChanged(engagementId, clientId, gatewayId, GatewayHealth.UP,
                GatewayHealth.DOWN, "probe failed", Fixtures.now()));
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.inbox(Map.of("engagementId", engagementId))
                .body("total", equalTo(1)));
        String message = Fixtures.inbox(Map.of("engagementId", engagementId)).extract().path("items[0].id");
        UUID messageId = UUID.fromString(message);
        // its first sends are out (the Telegram one SENT: only a sent message is edited)
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.deliveriesOf(message)
                .body("items.findAll { it.channel == 'TELEGRAM' }.status", hasItem("SENT"))
                .body("items.status", not(hasItem("PENDING"))).body("items.status", not(hasItem("SENDING"))));

        UUID chat;   // the Telegram chat whose waiting edit is being claimed
        try (Connection claim = db.getConnection()) {
            // an edit waiting for its turn (not due for an hour, so the real worker leaves it alone)…
            try (PreparedStatement waiting = claim.prepareStatement("""
                    insert into delivery (id, message_id, destination_id, client_id, channel, kind, seq, status,
                                          attempts, next_attempt_at, created_at)
                    select gen_random_uuid(), message_id, destination_id, client_id, channel, 'EDIT', 0, 'PENDING', 0,
                           now() + interval '1 hour', now()
                    from delivery where message_id = ? and kind = 'SEND' and channel = 'TELEGRAM' and status = 'SENT'
                    limit 1
                    returning destination_id""")) {
                waiting.setObject(1, messageId);
                try (ResultSet inserted = waiting.executeQuery()) {
                    assertTrue(inserted.next());
                    chat = inserted.getObject(1, UUID.class);
                }
            }
            // …which a worker claims: PENDING -> SENDING and the message's text read, not committed yet
            claim.setAutoCommit(false);
            try (PreparedStatement take = claim.prepareStatement("""
                    update delivery set status = 'SENDING', attempts = attempts + 1
                    where message_id = ? and kind = 'EDIT' and status = 'PENDING'""")) {
                take.setObject(1, messageId);
                assertTrue(take.executeUpdate() == 1);
            }
            // the gateway comes back meanwhile
            Events.publish(new GatewayHealthChanged(engagementId, clientId, gatewayId, GatewayHealth.DOWN,
                    GatewayHealth.UP, "probe answered", Fixtures.now()));
            // the update either commits without an edit of its own (what went wrong) or waits for this claim's lock
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> count(
                    "select updates from inbox_message where id = ?", messageId) > 0 || waitingForTheClaim());
            claim.commit();
        }
        // the update is in, and an edit that renders it is queued or sent besides the one claimed with the old text
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.inbox(Map.of("engagementId", engagementId))
                .body("items[0].updates", equalTo(1)));
        String editsOfTheChat = "select count(*) from delivery where message_id = ? and kind = 'EDIT' and seq = 1"
                + " and destination_id = '" + chat + "'";
        await().atMost(PATIENCE).until(() -> count(editsOfTheChat, messageId) == 1);
    }
}
