package io.lobsterops.notification;

import static io.lobsterops.notification.support.Fixtures.FIRST_ON_DUTY;
import static io.lobsterops.notification.support.Fixtures.PATIENCE;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.EventTypes;
import io.lobsterops.events.IncidentOpened;
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

/** An incident about a host as a whole (no engagement, no client): staff only, grouped by host, a P0 paged. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(LoopbackChannels.class)
class HostIncidentTest {

    @BeforeEach
    void onDuty() {
        Fixtures.staffOnDuty();
    }

    static IncidentOpened hostKeyChanged(UUID hostId) {
        return IncidentOpened.aboutHost(hostId, "host-key-changed", Priority.P0, "Host key changed",
                "The host presented another key than the pinned one; every gateway on it waits.", Fixtures.now());
    }

    @Test
    void aChangedHostKeyPagesStaffOnlyGroupedByItsHost() {
        // a client with a destination of its own: nothing of a host incident may reach it
        String clientId = Fixtures.newClientId();
        String clientChat = Fixtures.newChatId();
        Fixtures.clientTelegram(clientId, clientChat);
        UUID host = UUID.randomUUID();
        Events.publish(hostKeyChanged(host));

        await().atMost(PATIENCE).until(() -> !pagesAbout(host).isEmpty());
        String messageId = byHost(host).body("total", equalTo(1))
                .body("items[0].engagementId", nullValue())
                .body("items[0].clientId", nullValue())
                .body("items[0].hostId", equalTo(host.toString()))
                .body("items[0].audience", equalTo("STAFF"))
                .body("items[0].priority", equalTo("P0"))
                .body("items[0].groupKey", equalTo("incident:host-key-changed:" + host))
                .body("items[0].pages", greaterThanOrEqualTo(1))
                .extract().path("items[0].id");
        assertTrue(pagesAbout(host).getFirst().text().contains("Incident on host"), pagesAbout(host).getFirst().text());
        Fixtures.deliveriesOf(messageId).body("total", greaterThan(0)).body("items.clientId", everyItem(nullValue()));
        assertTrue(LoopbackChannels.telegram().sentTo(clientChat).isEmpty());

        // the same host again: the same message, updated; another host: a message of its own
        Events.publish(hostKeyChanged(host));
        UUID other = UUID.randomUUID();
        Events.publish(hostKeyChanged(other));
        await().atMost(PATIENCE).untilAsserted(() -> byHost(host).body("total", equalTo(1))
                .body("items[0].updates", equalTo(1)));
        await().atMost(PATIENCE).untilAsserted(() -> byHost(other).body("total", equalTo(1)));

        // the cockpit shows it, a client never does, and it is acknowledged like any page
        given().auth().oauth2(Tokens.engineer()).get("/inbox/{id}", messageId).then().statusCode(200)
                .body("hostId", equalTo(host.toString()));
        assertProblem(given().auth().oauth2(Tokens.client(clientId)).get("/inbox/{id}", messageId).then(), 404,
                "not-found");
        given().auth().oauth2(Tokens.engineer()).post("/inbox/{id}/acknowledge", messageId).then().statusCode(200)
                .body("acknowledgedBy", equalTo("eric")).body("nextPageAt", nullValue());
        given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token",
                LoopbackChannels.WEBHOOK_SECRET).body(PagingTest.buttonPress(FIRST_ON_DUTY, "sophie",
                        "ack:" + byHost(other).extract().path("items[0].id")))
                .post("/telegram/webhook").then().statusCode(200).body("handled", equalTo(true));
        byHost(other).body("items[0].acknowledgedVia", equalTo("telegram"));
        assertTrue(LoopbackChannels.telegram().sentTo(clientChat).isEmpty());
    }

    @Test
    void routesTestAnswersWhereAHostIncidentWouldGo() {
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("type", EventTypes.INCIDENT_OPENED, "event",
                        Fixtures.asMap(hostKeyChanged(UUID.randomUUID()))))
                .post("/routes/test").then().statusCode(200)
                .body("messages.size()", equalTo(1))
                .body("messages[0].audience", equalTo("STAFF"))
                .body("messages[0].priority", equalTo("P0"))
                .body("messages[0].destinations.size()", greaterThan(0))
                .body("messages[0].destinations.clientId", everyItem(nullValue()))
                .body("messages[0].destinations.find { it.pages }.name", equalTo("Sophie on duty"));

        Map<String, Object> nowhere = new HashMap<>(Fixtures.asMap(hostKeyChanged(UUID.randomUUID())));
        nowhere.put("hostId", null);
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("type", EventTypes.INCIDENT_OPENED, "event", nowhere)).post("/routes/test").then(), 400,
                "validation");
    }

    private static io.restassured.response.ValidatableResponse byHost(UUID host) {
        return Fixtures.inbox(Map.of("hostId", host));
    }

    private static List<FakeTelegram.Call> pagesAbout(UUID host) {
        return LoopbackChannels.telegram().sentTo(FIRST_ON_DUTY).stream()
                .filter(call -> call.text().contains(host.toString())).toList();
    }
}
