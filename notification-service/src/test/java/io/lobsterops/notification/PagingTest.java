package io.lobsterops.notification;

import static io.lobsterops.notification.support.Fixtures.FIRST_ON_DUTY;
import static io.lobsterops.notification.support.Fixtures.PATIENCE;
import static io.lobsterops.notification.support.Fixtures.SECOND_ON_DUTY;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EscalationRaised;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.Priority;
import io.lobsterops.notification.support.FakeTelegram;
import io.lobsterops.notification.support.Fixtures;
import io.lobsterops.notification.support.LoopbackChannels;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(LoopbackChannels.class)
class PagingTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void onDuty() {
        Fixtures.staffOnDuty();
    }

    static FakeTelegram telegram() {
        return LoopbackChannels.telegram();
    }

    /** Raises a P0 escalation and waits for its first page; answers the inbox message id. */
    static String pagedP0(EscalationRaised raised) {
        Events.publish(raised);
        await().atMost(PATIENCE).until(() -> !pagesAbout(FIRST_ON_DUTY, raised.clientId()).isEmpty());
        return Fixtures.inbox(Map.of("engagementId", raised.engagementId())).extract()
                .path("items.find { it.sourceEventType == 'lobsterops.escalation.raised' }.id");
    }

    static List<FakeTelegram.Call> pagesAbout(String chatId, String clientId) {
        return telegram().sentTo(chatId).stream().filter(call -> call.text().contains(clientId)).toList();
    }

    @Test
    void aP0PagesTheFirstPersonOnDutyAtOnceWithAnAcknowledgeButton() throws Exception {
        EngagementOpened opened = Fixtures.opened(Fixtures.newClientId());
        EscalationRaised raised = Fixtures.escalation(opened.engagementId(), opened.clientId(), Priority.P0,
                "Gateway down (kill switch waiting)");
        String messageId = pagedP0(raised);

        FakeTelegram.Call page = pagesAbout(FIRST_ON_DUTY, opened.clientId()).getFirst();
        assertEquals("MarkdownV2", page.params().path("parse_mode").asText());
        assertTrue(page.text().startsWith("*\\[P0\\] " + opened.clientId() + ": Gateway down \\(kill switch waiting\\)*"),
                page.text());
        JsonNode button = page.params().path("reply_markup").path("inline_keyboard").path(0).path(0);
        assertEquals("Acknowledge", button.path("text").asText());
        assertEquals("ack:" + messageId, button.path("callback_data").asText());
        Fixtures.inbox(Map.of("engagementId", opened.engagementId())).body(
                "items.find { it.id == '" + messageId + "' }.escalationId", equalTo(raised.escalationId().toString()));
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.deliveriesOf(messageId)
                .body("items[0].status", equalTo("SENT"))
                .body("items[0].receipt", startsWith("message_id "))
                .body("items[0].attempts", equalTo(1)));
        given().auth().oauth2(Tokens.supervisor()).post("/inbox/{id}/acknowledge", messageId).then().statusCode(200);
    }

    @Test
    void anUnacknowledgedP0IsPagedAgainThenTheNextPersonOnDutyUntilTheButtonIsPressed() {
        EngagementOpened opened = Fixtures.opened(Fixtures.newClientId());
        EscalationRaised raised = Fixtures.escalation(opened.engagementId(), opened.clientId(), Priority.P0,
                "Host key changed");
        String messageId = pagedP0(raised);

        // paged again every 2 s (test configuration); after 2 pages the second person on duty is paged too
        await().atMost(PATIENCE).until(() -> !pagesAbout(SECOND_ON_DUTY, opened.clientId()).isEmpty());
        assertTrue(pagesAbout(FIRST_ON_DUTY, opened.clientId()).size() >= 3);

        // Samuel presses the button in the staff chat
        given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token",
                LoopbackChannels.WEBHOOK_SECRET).body(buttonPress(SECOND_ON_DUTY, "samuel_ops", "ack:" + messageId))
                .post("/telegram/webhook").then().statusCode(200).body("handled", equalTo(true));

        given().auth().oauth2(Tokens.supervisor()).get("/inbox/{id}", messageId).then().statusCode(200)
                .body("acknowledgedBy", equalTo("telegram:@samuel_ops"))
                .body("acknowledgedVia", equalTo("telegram"))
                .body("nextPageAt", nullValue());
        ConsumerRecord<String, String> acknowledged = KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.NOTIFICATION_ACKNOWLEDGED, opened.engagementId()), PATIENCE)
                .orElseThrow(() -> new AssertionError("notification.acknowledged was not published"));
        assertTrue(acknowledged.value().contains("\"escalationId\":\"" + raised.escalationId() + "\""),
                acknowledged.value());
        assertTrue(acknowledged.value().contains("\"via\":\"telegram\""), acknowledged.value());
        // no page of this message is waiting any more
        Fixtures.deliveriesOf(messageId).body("items.findAll { it.status == 'PENDING' }.size()", equalTo(0));
    }

    @Test
    void acknowledgingThroughTheApiStopsThePagingAndTellsMonitoring() {
        EngagementOpened opened = Fixtures.opened(Fixtures.newClientId());
        EscalationRaised raised = Fixtures.escalation(opened.engagementId(), opened.clientId(), Priority.P0,
                "Kill switch waits for an unreachable host");
        String messageId = pagedP0(raised);

        given().auth().oauth2(Tokens.engineer()).post("/inbox/{id}/acknowledge", messageId).then().statusCode(200)
                .body("acknowledgedBy", equalTo("eric")).body("acknowledgedVia", equalTo("api"))
                .body("nextPageAt", nullValue());
        String value = KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.NOTIFICATION_ACKNOWLEDGED, opened.engagementId()), PATIENCE)
                .orElseThrow(() -> new AssertionError("notification.acknowledged was not published")).value();
        assertTrue(value.contains("\"notificationId\":\"" + messageId + "\""), value);
        assertTrue(value.contains("\"via\":\"api\""), value);
        // pressing the button afterwards keeps the first acknowledgement
        given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token",
                LoopbackChannels.WEBHOOK_SECRET).body(buttonPress(FIRST_ON_DUTY, "sophie", "ack:" + messageId))
                .post("/telegram/webhook").then().statusCode(200);
        given().auth().oauth2(Tokens.supervisor()).get("/inbox/{id}", messageId).then()
                .body("acknowledgedBy", equalTo("eric"));
    }

    @Test
    void aButtonPressedOutsideAStaffChatOrWithoutTheSecretAcknowledgesNothing() {
        EngagementOpened opened = Fixtures.opened(Fixtures.newClientId());
        String messageId = pagedP0(Fixtures.escalation(opened.engagementId(), opened.clientId(), Priority.P0,
                "Security signal"));

        assertProblem(given().contentType(ContentType.JSON).body(buttonPress(FIRST_ON_DUTY, "x", "ack:" + messageId))
                .post("/telegram/webhook").then(), 401, "unauthorized");
        assertProblem(given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", "guess")
                .body(buttonPress(FIRST_ON_DUTY, "x", "ack:" + messageId)).post("/telegram/webhook").then(), 401,
                "unauthorized");
        given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token",
                LoopbackChannels.WEBHOOK_SECRET).body(buttonPress("-999000", "mallory", "ack:" + messageId))
                .post("/telegram/webhook").then().statusCode(200).body("handled", equalTo(false));
        assertProblem(given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token",
                LoopbackChannels.WEBHOOK_SECRET).body("{\"update_id\": ").post("/telegram/webhook").then(), 400,
                "malformed-request");
        given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token",
                LoopbackChannels.WEBHOOK_SECRET).body(Map.of("update_id", 7, "message", Map.of("text", "hi")))
                .post("/telegram/webhook").then().statusCode(200).body("handled", equalTo(false));

        given().auth().oauth2(Tokens.supervisor()).get("/inbox/{id}", messageId).then()
                .body("acknowledgedAt", nullValue());
        given().auth().oauth2(Tokens.engineer()).post("/inbox/{id}/acknowledge", messageId).then().statusCode(200);
        assertFalse(telegram().calls().isEmpty());
    }

    static String buttonPress(String chatId, String username, String data) {
        return """
                {"update_id": 1, "callback_query": {"id": "cb-%s", "data": "%s",
                  "from": {"id": 42, "is_bot": false, "first_name": "Op", "username": "%s"},
                  "message": {"message_id": 7, "chat": {"id": %s, "type": "group"}}}}""".formatted(
                java.util.UUID.randomUUID(), data, username, chatId);
    }
}
