package io.lobsterops.notification;

import static io.lobsterops.notification.support.Fixtures.PATIENCE;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.lobsterops.notification.support.Fixtures;
import io.lobsterops.notification.support.LoopbackChannels;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A delivery left SENDING by a worker that died (its lease lapsed): a Telegram send is not sent again (UNCERTAIN,
 * retried only by hand), a Slack post is sent again. The packaged-service version with a real SIGKILL is
 * {@code DeliveryCrashRecoveryIT}.
 */
@QuarkusTest
class LeaseRecoveryTest {

    @Inject
    AgroalDataSource db;

    /** Plants a client message and its delivery as a dead worker left it: SENDING, lease lapsed. */
    UUID abandoned(String clientId, String destinationId, String channel) throws Exception {
        UUID message = UUID.randomUUID();
        UUID delivery = UUID.randomUUID();
        try (Connection connection = db.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into inbox_message (id, engagement_id, client_id, priority, audience, title, body,
                        source_event_id, source_event_type, created_at, updated_at)
                    values (?, ?, ?, 'P3', 'CLIENT', ?, 'abandoned mid-send', ?, 'lobsterops.agent.stable', now(), now())""")) {
                insert.setObject(1, message);
                insert.setObject(2, UUID.randomUUID());
                insert.setString(3, clientId);
                insert.setString(4, "Left in flight for " + clientId);
                insert.setString(5, "lease-test:" + message);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into delivery (id, message_id, destination_id, client_id, channel, kind, seq, status,
                        attempts, next_attempt_at, lease_until, created_at)
                    values (?, ?, ?, ?, ?, 'SEND', 0, 'SENDING', 1, now(), now() - interval '1 minute', now())""")) {
                insert.setObject(1, delivery);
                insert.setObject(2, message);
                insert.setObject(3, UUID.fromString(destinationId));
                insert.setString(4, clientId);
                insert.setString(5, channel);
                insert.executeUpdate();
            }
        }
        return delivery;
    }

    @Test
    void aTelegramSendLeftInFlightIsUncertainAndNotSentAgainButASlackPostIsSentAgain() throws Exception {
        String clientId = Fixtures.newClientId();
        String chat = Fixtures.newChatId();
        String telegramDestination = Fixtures.clientTelegram(clientId, chat);
        String webhook = LoopbackChannels.slack().webhook("ok-" + clientId);
        String slackDestination = Fixtures.destination(Map.of("name", "#x", "channel", "SLACK", "clientId", clientId,
                "secret", webhook));
        UUID telegramDelivery = abandoned(clientId, telegramDestination, "TELEGRAM");
        UUID slackDelivery = abandoned(clientId, slackDestination, "SLACK");

        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/deliveries/{id}", telegramDelivery).then().body("status", equalTo("UNCERTAIN")));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/deliveries/{id}", slackDelivery).then().body("status", equalTo("SENT"))
                .body("attempts", equalTo(2)));
        assertEquals(1, LoopbackChannels.slack().postsTo(webhook).size());
        assertTrue(LoopbackChannels.telegram().callsTo(chat).isEmpty());

        // a person decides to send it anyway
        given().auth().oauth2(Tokens.engineer()).post("/deliveries/{id}/retry", telegramDelivery).then()
                .statusCode(200);
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/deliveries/{id}", telegramDelivery).then().body("status", equalTo("SENT")));
        assertEquals(1, LoopbackChannels.telegram().sentTo(chat).size());
    }
}
