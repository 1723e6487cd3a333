package io.lobsterops.notification;

import static io.lobsterops.notification.support.Fixtures.PATIENCE;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EscalationRaised;
import io.lobsterops.events.EscalationResolved;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.Priority;
import io.lobsterops.notification.support.FakeTelegram;
import io.lobsterops.notification.support.Fixtures;
import io.lobsterops.notification.support.LoopbackChannels;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

/**
 * An escalation raised while nobody is on duty reaches the first person put on duty — once, whatever the list does
 * afterwards — and a P0 among them is paged from then on.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(LoopbackChannels.class)
class OnDutyCatchUpTest {

    @AfterEach
    void usualOnDutyList() {
        Fixtures.staffOnDuty();   // the tests below emptied the list: the usual one again
    }

    @Test
    void openPagesRaisedWhileNobodyIsOnDutyReachThePersonPutOnDutyOnce() {
        Fixtures.nobodyOnDuty();
        EngagementOpened opened = Fixtures.opened(Fixtures.newClientId());
        String clientId = opened.clientId();
        EscalationRaised p0 = Fixtures.escalation(opened.engagementId(), clientId, Priority.P0,
                "Kill switch waits for an unreachable host");
        EscalationRaised p1 = Fixtures.escalation(opened.engagementId(), clientId, Priority.P1, "Gateway down");
        EscalationRaised over = Fixtures.escalation(opened.engagementId(), clientId, Priority.P1, "Gateway flapped");
        Events.publish(p0);
        Events.publish(p1);
        Events.publish(over);
        Events.publish(new EscalationResolved(opened.engagementId(), clientId, over.escalationId(), "gateway-down",
                "it came back", "monitoring", Fixtures.now()));
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.inbox(Map.of("engagementId", opened.engagementId()))
                .body("items.findAll { it.sourceEventType == '" + EventTypes.ESCALATION_RAISED + "' }.size()",
                        equalTo(3))
                .body("items.find { it.escalationId == '" + over.escalationId() + "' }.groupOpen", equalTo(false)));
        String paged = messageOf(opened, p0);
        String sent = messageOf(opened, p1);
        String closed = messageOf(opened, over);

        // nobody on duty: nothing is queued and the P0 is not paging
        Fixtures.deliveriesOf(paged).body("total", equalTo(0));
        Fixtures.deliveriesOf(sent).body("total", equalTo(0));
        given().auth().oauth2(Tokens.supervisor()).get("/inbox/{id}", paged).then()
                .body("pages", equalTo(0)).body("nextPageAt", nullValue());

        // Sophie comes on duty: the open P0 and P1 are queued to her in the same request, the closed one is not
        String chat = Fixtures.newChatId();
        String sophie = Fixtures.destination(Map.of("name", "Sophie comes on duty", "channel", "TELEGRAM", "person",
                "sophie", "address", chat, "onDutyRank", 1));
        // (the P0's later pages, seq 1 on, may already be queued: it pages every 2 s here)
        Fixtures.deliveriesOf(paged).body("items.findAll { it.seq == 0 }.size()", equalTo(1))
                .body("items.find { it.seq == 0 }.destinationId", equalTo(sophie));
        Fixtures.deliveriesOf(sent).body("total", equalTo(1)).body("items[0].destinationId", equalTo(sophie));
        Fixtures.deliveriesOf(closed).body("total", equalTo(0));
        given().auth().oauth2(Tokens.supervisor()).get("/inbox/{id}", paged).then()
                .body("pages", greaterThanOrEqualTo(1)).body("nextPageAt", notNullValue());
        await().atMost(PATIENCE).until(() -> about(chat, "Gateway down", clientId).size() == 1
                && !about(chat, "Kill switch waits", clientId).isEmpty());
        FakeTelegram.Call page = about(chat, "Kill switch waits", clientId).getFirst();
        assertEquals("ack:" + paged, page.params().path("reply_markup").path("inline_keyboard").path(0).path(0)
                .path("callback_data").asText());

        // the list changes again (Sophie renamed, Samuel added): nothing is sent again
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("name", "Sophie (supervisor)", "channel", "TELEGRAM", "person", "sophie", "address", chat,
                        "onDutyRank", 1))
                .put("/destinations/{id}", sophie).then().statusCode(200);
        Fixtures.destination(Map.of("name", "Samuel", "channel", "TELEGRAM", "person", "samuel", "address",
                Fixtures.newChatId(), "onDutyRank", 2));
        Fixtures.deliveriesOf(sent).body("total", equalTo(1));
        Fixtures.deliveriesOf(paged).body("items.findAll { it.seq == 0 }.size()", equalTo(1));
        Fixtures.deliveriesOf(closed).body("total", equalTo(0));

        // the P0 is paged again until someone acknowledges it
        await().atMost(PATIENCE).until(() -> about(chat, "Kill switch waits", clientId).size() >= 2);
        given().auth().oauth2(Tokens.supervisor()).post("/inbox/{id}/acknowledge", paged).then().statusCode(200)
                .body("nextPageAt", nullValue());
        given().auth().oauth2(Tokens.supervisor()).post("/inbox/{id}/acknowledge", sent).then().statusCode(200);
    }

    @Test
    void aP0WhoseOnlyRecipientLeftTheListReachesTheNextPersonPutOnDuty() {
        Fixtures.nobodyOnDuty();
        String first = Fixtures.newChatId();
        String firstId = Fixtures.destination(Map.of("name", "Leaves the list", "channel", "TELEGRAM", "address",
                first, "onDutyRank", 1));
        EngagementOpened opened = Fixtures.opened(Fixtures.newClientId());
        EscalationRaised p0 = Fixtures.escalation(opened.engagementId(), opened.clientId(), Priority.P0,
                "Host key changed");
        Events.publish(p0);
        await().atMost(PATIENCE).until(() -> !about(first, "Host key changed", opened.clientId()).isEmpty());
        String paged = messageOf(opened, p0);

        given().auth().oauth2(Tokens.supervisor()).delete("/destinations/{id}", firstId).then().statusCode(204);
        String next = Fixtures.newChatId();
        String nextId = Fixtures.destination(Map.of("name", "Takes over", "channel", "TELEGRAM", "address", next,
                "onDutyRank", 1));
        Fixtures.deliveriesOf(paged).body("items.findAll { it.seq == 0 }.size()", equalTo(1))
                .body("items.find { it.seq == 0 }.destinationId", equalTo(nextId));
        await().atMost(PATIENCE).until(() -> !about(next, "Host key changed", opened.clientId()).isEmpty());
        given().auth().oauth2(Tokens.supervisor()).post("/inbox/{id}/acknowledge", paged).then().statusCode(200);
    }

    private static String messageOf(EngagementOpened opened, EscalationRaised raised) {
        String id = Fixtures.inbox(Map.of("engagementId", opened.engagementId())).extract()
                .path("items.find { it.escalationId == '" + raised.escalationId() + "' }.id");
        UUID.fromString(id);
        return id;
    }

    private static List<FakeTelegram.Call> about(String chatId, String text, String clientId) {
        return LoopbackChannels.telegram().sentTo(chatId).stream()
                .filter(call -> call.text().contains(clientId) && call.text().contains(text))
                .toList();
    }
}
