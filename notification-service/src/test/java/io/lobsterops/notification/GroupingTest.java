package io.lobsterops.notification;

import static io.lobsterops.notification.support.Fixtures.FIRST_ON_DUTY;
import static io.lobsterops.notification.support.Fixtures.PATIENCE;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.AgentStable;
import io.lobsterops.events.EscalationRaised;
import io.lobsterops.events.EscalationResolved;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.GatewayHealth;
import io.lobsterops.events.GatewayHealthChanged;
import io.lobsterops.events.PaymentKind;
import io.lobsterops.events.PaymentReceived;
import io.lobsterops.events.Priority;
import io.lobsterops.notification.support.FakeTelegram;
import io.lobsterops.notification.support.Fixtures;
import io.lobsterops.notification.support.LoopbackChannels;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class GroupingTest {

    @BeforeEach
    void onDuty() {
        Fixtures.staffOnDuty();
    }

    static FakeTelegram telegram() {
        return LoopbackChannels.telegram();
    }

    @Test
    void aFlappingGatewayIsOneMessageUpdatedInPlaceNotTen() {
        String clientId = Fixtures.newClientId();
        UUID engagementId = UUID.randomUUID();
        UUID gatewayId = UUID.randomUUID();
        GatewayHealth state = GatewayHealth.UP;
        for (int i = 0; i < 10; i++) {
            GatewayHealth next = state == GatewayHealth.UP ? GatewayHealth.DOWN : GatewayHealth.UP;
            Events.publish(new GatewayHealthChanged(engagementId, clientId, gatewayId, state, next, "flap " + i,
                    Fixtures.now()));
            state = next;
        }
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.inbox(Map.of("engagementId", engagementId))
                .body("total", equalTo(1)).body("items[0].updates", equalTo(9)));
        String messageId = Fixtures.inbox(Map.of("engagementId", engagementId)).extract().path("items[0].id");
        Fixtures.inbox(Map.of("engagementId", engagementId)).body("items[0].title", containsString("is UP"))
                .body("items[0].priority", equalTo("P1"))
                .body("items[0].groupKey", equalTo("gateway:" + gatewayId));
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.deliveriesOf(messageId)
                .body("items.status", not(hasItem("PENDING"))).body("items.status", not(hasItem("SENDING"))));

        List<FakeTelegram.Call> sent = telegram().sentTo(FIRST_ON_DUTY).stream()
                .filter(call -> call.text().contains(clientId)).toList();
        assertEquals(1, sent.size(), "one message to the person on duty, then edits");
        List<FakeTelegram.Call> edits = telegram().editsIn(FIRST_ON_DUTY).stream()
                .filter(call -> call.text().contains(clientId)).toList();
        assertTrue(edits.size() <= 9, "edits: " + edits.size());
        if (!edits.isEmpty()) {
            assertTrue(edits.getLast().text().contains("updated 9 time"), edits.getLast().text());
            assertEquals(1, edits.stream().map(edit -> edit.params().path("message_id").asLong()).distinct().count(),
                    "every edit changes the one message");
        }
    }

    @Test
    void aResolvedEscalationClosesItsGroupAndStopsItsPaging() {
        String clientId = Fixtures.newClientId();
        UUID engagementId = UUID.randomUUID();
        EscalationRaised raised = Fixtures.escalation(engagementId, clientId, Priority.P0, "Gateway down");
        Events.publish(raised);
        Events.publish(raised);   // raised again (another replica, a replay with a new id): same group
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.inbox(Map.of("engagementId", engagementId))
                .body("total", equalTo(1)).body("items[0].updates", equalTo(1))
                .body("items[0].groupOpen", equalTo(true)));
        Events.publish(new EscalationResolved(engagementId, clientId, raised.escalationId(), raised.rule(),
                "gateway back", "sophie", Fixtures.now()));
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.inbox(Map.of("engagementId", engagementId))
                .body("total", equalTo(2))
                .body("items.find { it.sourceEventType == '" + EventTypes.ESCALATION_RAISED + "' }.groupOpen",
                        equalTo(false))
                .body("items.find { it.sourceEventType == '" + EventTypes.ESCALATION_RAISED + "' }.nextPageAt",
                        nullValue())
                .body("items.find { it.sourceEventType == '" + EventTypes.ESCALATION_RESOLVED + "' }.priority",
                        equalTo("P3")));
    }

    @Test
    void aSilencedClientsMessagesStayInTheCockpitUntilTheSilenceEnds() {
        String clientId = Fixtures.newClientId();
        String chat = Fixtures.newChatId();
        Fixtures.clientTelegram(clientId, chat);
        String silence = given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("clientId", clientId, "reason", "planned upgrade to 2026.9.7", "endsAt",
                        Instant.now().plus(1, ChronoUnit.HOURS).toString()))
                .post("/silences").then().statusCode(201).body("createdBy", equalTo("eric")).extract().path("id");
        given().auth().oauth2(Tokens.engineer()).queryParam("clientId", clientId).get("/silences").then()
                .statusCode(200).body("items.id", hasItem(silence));

        AgentStable stable = new AgentStable(UUID.randomUUID(), clientId, Fixtures.now(), Fixtures.now());
        Events.publish(stable);
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.inbox(Map.of("engagementId", stable.engagementId()))
                .body("items.find { it.audience == 'CLIENT' }.silenced", equalTo(true)));
        String held = Fixtures.inbox(Map.of("engagementId", stable.engagementId())).extract()
                .path("items.find { it.audience == 'CLIENT' }.id");
        Fixtures.deliveriesOf(held).body("total", equalTo(0));

        given().auth().oauth2(Tokens.engineer()).delete("/silences/{id}", silence).then().statusCode(200);
        given().auth().oauth2(Tokens.engineer()).queryParam("clientId", clientId).get("/silences").then()
                .body("items.id", not(hasItem(silence)));
        Events.publish(new PaymentReceived(stable.engagementId(), clientId, UUID.randomUUID(), "2026-0007",
                PaymentKind.values()[0], 50000, "EUR", Fixtures.now()));
        await().atMost(PATIENCE).until(() -> !telegram().sentTo(chat).isEmpty());
        assertEquals(1, telegram().sentTo(chat).size());
        assertTrue(telegram().sentTo(chat).getFirst().text().startsWith("*Payment received*"));
    }

    @Test
    void silencesAnswerProblemsForBadInputRolesAndUnknownIds() {
        String future = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("clientId", "acme", "reason", "r", "endsAt", "2020-01-01T00:00:00Z"))
                .post("/silences").then(), 400, "validation");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("clientId", "acme", "endsAt", future)).post("/silences").then(), 400, "validation");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("clientId", "acme", "reason", "r", "endsAt", "tomorrow")).post("/silences").then(), 400,
                "malformed-request");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("clientId", "acme", "reason", "r", "startsAt", future, "endsAt", future))
                .post("/silences").then(), 400, "validation");
        assertProblem(given().auth().oauth2(Tokens.engineer()).delete("/silences/{id}", UUID.randomUUID()).then(),
                404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.client("acme")).get("/silences").then(), 403, "forbidden");
        assertProblem(given().get("/silences").then(), 401, "unauthorized");
    }
}
