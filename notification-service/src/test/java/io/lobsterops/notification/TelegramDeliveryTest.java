package io.lobsterops.notification;

import static io.lobsterops.notification.support.Fixtures.FIRST_ON_DUTY;
import static io.lobsterops.notification.support.Fixtures.PATIENCE;
import static io.lobsterops.notification.support.Fixtures.SECOND_ON_DUTY;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.AgentStable;
import io.lobsterops.events.EscalationRaised;
import io.lobsterops.events.GatewayHealth;
import io.lobsterops.events.GatewayHealthChanged;
import io.lobsterops.events.Handoff;
import io.lobsterops.events.Priority;
import io.lobsterops.notification.domain.EngagementMessages;
import io.lobsterops.notification.domain.Rendering;
import io.lobsterops.notification.support.FakeTelegram;
import io.lobsterops.notification.support.Fixtures;
import io.lobsterops.notification.support.LoopbackChannels;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TelegramDeliveryTest {

    @BeforeEach
    void onDuty() {
        Fixtures.staffOnDuty();
    }

    static FakeTelegram telegram() {
        return LoopbackChannels.telegram();
    }

    static List<FakeTelegram.Call> sentAbout(String chatId, String marker) {
        return telegram().sentTo(chatId).stream().filter(call -> call.text().contains(marker)).toList();
    }

    /** A client event whose client message goes to the client's own Telegram chat; answers the chat. */
    static String clientWithTelegram(String clientId) {
        String chat = Fixtures.newChatId();
        Fixtures.clientTelegram(clientId, chat);
        return chat;
    }

    static String clientMessageId(UUID engagementId) {
        return Fixtures.inbox(Map.of("engagementId", engagementId)).extract()
                .path("items.find { it.audience == 'CLIENT' }.id");
    }

    @Test
    void aP1GoesToEveryoneOnDutyInMarkdownV2ThatTelegramAccepts() {
        String clientId = Fixtures.newClientId();
        Events.publish(new GatewayHealthChanged(UUID.randomUUID(), clientId, UUID.randomUUID(), GatewayHealth.UP,
                GatewayHealth.DOWN, "disk 95% full (host_a) - see #ops! [urgent] {x} ~y~ a=b |c| 1.5 `z`",
                Fixtures.now()));

        await().atMost(PATIENCE).until(() -> !sentAbout(FIRST_ON_DUTY, clientId).isEmpty()
                && !sentAbout(SECOND_ON_DUTY, clientId).isEmpty());
        FakeTelegram.Call page = sentAbout(FIRST_ON_DUTY, clientId).getFirst();
        assertTrue(page.text().contains("disk 95% full \\(host\\_a\\) \\- see \\#ops\\! \\[urgent\\] \\{x\\} \\~y\\~ "
                + "a\\=b \\|c\\| 1\\.5 \\`z\\`"), page.text());
        assertEquals("Acknowledge", page.params().path("reply_markup").path("inline_keyboard").path(0).path(0)
                .path("text").asText());
        assertTrue(telegram().callsTo(FIRST_ON_DUTY).stream().noneMatch(call -> call.status() == 400),
                "Telegram refused a text: " + telegram().callsTo(FIRST_ON_DUTY));
    }

    @Test
    void aMessageLongerThan4096CharactersIsSentInPartsOnLineBoundaries() {
        String clientId = Fixtures.newClientId();
        List<String> options = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            options.add("option " + i + " for " + clientId + ": move the gateway.");
        }
        EscalationRaised raised = new EscalationRaised(UUID.randomUUID(), clientId, UUID.randomUUID(), "cost",
                Priority.P1, "Budget exceeded", new Handoff("context", "tried", options, "option 1", "today"),
                Fixtures.now());
        Events.publish(raised);

        await().atMost(PATIENCE).until(() -> sentAbout(FIRST_ON_DUTY, clientId).stream()
                .anyMatch(call -> call.params().has("reply_markup")));
        List<FakeTelegram.Call> parts = sentAbout(FIRST_ON_DUTY, clientId);
        assertTrue(parts.size() >= 3, "parts: " + parts.size());
        parts.forEach(part -> assertTrue(part.text().length() <= 4096, "a part of " + part.text().length()));
        var notice = EngagementMessages.of(raised).notices().getFirst();
        assertEquals(Rendering.telegram(notice.title(), notice.body()),
                String.join("\n", parts.stream().map(FakeTelegram.Call::text).toList()));
        assertEquals(1, parts.stream().filter(part -> part.params().has("reply_markup")).count());
        assertTrue(parts.getLast().params().has("reply_markup"));
        String messageId = Fixtures.inbox(Map.of("engagementId", raised.engagementId())).extract().path("items[0].id");
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.deliveriesOf(messageId)
                .body("items.status", everyItem(equalTo("SENT"))));
        List<String> receipts = Fixtures.deliveriesOf(messageId).extract().path("items.receipt");
        assertTrue(receipts.stream().allMatch(receipt -> receipt.startsWith("message_id ")
                && receipt.split(",").length == parts.size()), receipts.toString());
    }

    @Test
    void aRateLimitedSendWaitsForRetryAfterWithoutCountingATry() {
        String clientId = Fixtures.newClientId();
        String chat = clientWithTelegram(clientId);
        telegram().rateLimitNext(chat, 1);
        AgentStable stable = new AgentStable(UUID.randomUUID(), clientId, Fixtures.now(), Fixtures.now());
        Events.publish(stable);

        await().atMost(PATIENCE).until(() -> !telegram().sentTo(chat).isEmpty());
        assertEquals(List.of(429, 200), telegram().callsTo(chat).stream().map(FakeTelegram.Call::status).toList());
        String messageId = clientMessageId(stable.engagementId());
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.deliveriesOf(messageId)
                .body("items[0].status", equalTo("SENT")).body("items[0].attempts", equalTo(1)));
        assertTrue(telegram().sentTo(chat).getFirst().text().startsWith("*Your agent is stable*"));
    }

    @Test
    void aChatThatKeepsFailingIsDeadAfterThreeTriesWithTheLastErrorAndCanBeRetriedByHand() {
        String clientId = Fixtures.newClientId();
        String chat = clientWithTelegram(clientId);
        telegram().failNext(chat, 3);
        AgentStable stable = new AgentStable(UUID.randomUUID(), clientId, Fixtures.now(), Fixtures.now());
        Events.publish(stable);

        await().atMost(PATIENCE).until(() -> clientMessageId(stable.engagementId()) != null);
        String messageId = clientMessageId(stable.engagementId());
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.deliveriesOf(messageId)
                .body("items[0].status", equalTo("DEAD")).body("items[0].attempts", equalTo(3))
                .body("items[0].lastError", containsString("Telegram answered 500")));
        String deliveryId = Fixtures.deliveriesOf(messageId).extract().path("items[0].id");
        given().auth().oauth2(Tokens.engineer()).queryParam("status", "dead").queryParam("size", 100)
                .get("/deliveries").then().statusCode(200).body("items.id", hasItem(deliveryId));
        assertTrue(telegram().callsTo(chat).stream().allMatch(call -> call.status() == 500));
        assertTrue(telegram().calls().stream().noneMatch(call -> call.params().toString()
                .contains(FakeTelegram.BOT_TOKEN)));

        given().auth().oauth2(Tokens.engineer()).post("/deliveries/{id}/retry", deliveryId).then().statusCode(200)
                .body("status", equalTo("PENDING")).body("attempts", equalTo(0));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/deliveries/{id}", deliveryId).then().body("status", equalTo("SENT")));
        assertEquals(1, telegram().sentTo(chat).size());
        assertProblem(given().auth().oauth2(Tokens.engineer()).post("/deliveries/{id}/retry", deliveryId).then(),
                409, "conflict");
    }

    @Test
    void theDeliveryApiAnswersProblemsForBadQueriesRolesAndUnknownIds() {
        assertProblem(given().get("/deliveries").then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.noRole()).get("/deliveries").then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("status", "LOST").get("/deliveries").then(),
                400, "bad-request");
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("messageId", "x").get("/deliveries").then(),
                400, "bad-request");
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("size", 500).get("/deliveries").then(),
                400, "validation");
        assertProblem(given().auth().oauth2(Tokens.engineer()).get("/deliveries/{id}", UUID.randomUUID()).then(),
                404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.engineer()).get("/deliveries/not-a-uuid").then(), 404,
                "not-found");
        assertProblem(given().auth().oauth2(Tokens.engineer()).post("/deliveries/{id}/retry", UUID.randomUUID())
                .then(), 404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.client("acme")).post("/deliveries/{id}/retry", UUID.randomUUID())
                .then(), 403, "forbidden");
    }
}
