package io.lobsterops.notification;

import static io.lobsterops.notification.support.Fixtures.PATIENCE;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.AgentStable;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.notification.domain.EngagementMessages;
import io.lobsterops.notification.support.FakeTelegram;
import io.lobsterops.notification.support.Fixtures;
import io.lobsterops.notification.support.LoopbackChannels;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** A supervisor announces a planned maintenance: the client is told in its own words, and again if it is cancelled. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(LoopbackChannels.class)
class MaintenanceWindowTest {

    static final String INTERNAL_REASON = "move the gateway to gw-host-17.internal";

    static ValidatableResponse plan(UUID engagementId, Instant startsAt, Instant endsAt, String reason) {
        return given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("startsAt", startsAt.toString(), "endsAt", endsAt.toString(), "reason", reason))
                .post("/engagements/{id}/maintenance-windows", engagementId).then();
    }

    static List<FakeTelegram.Call> sentTo(String chat) {
        return LoopbackChannels.telegram().sentTo(chat);
    }

    @Test
    void aPlannedMaintenanceIsToldToTheClientOnlyWithoutItsInternalReasonAndCancelled() {
        String clientId = Fixtures.newClientId();
        String chat = Fixtures.newChatId();
        Fixtures.clientTelegram(clientId, chat);
        String otherChat = Fixtures.newChatId();
        Fixtures.clientTelegram(Fixtures.newClientId(), otherChat);
        EngagementOpened opened = Fixtures.opened(clientId);
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Instant end = start.plus(2, ChronoUnit.HOURS);

        String id = plan(opened.engagementId(), start, end, INTERNAL_REASON).statusCode(201)
                .header("Location", containsString("/engagements/" + opened.engagementId() + "/maintenance-windows/"))
                .body("clientId", equalTo(clientId)).body("createdBy", equalTo("sophie"))
                .body("createdAt", notNullValue()).body("cancelled", equalTo(false))
                .body("reason", equalTo(INTERNAL_REASON)).extract().path("id");
        await().atMost(PATIENCE).until(() -> sentTo(chat).size() == 1);
        String told = sentTo(chat).getFirst().text();
        assertTrue(told.startsWith("*Planned maintenance of your agent*"), told);
        assertTrue(told.contains("UTC"), told);
        assertFalse(told.contains("gw") || told.contains("internal") || told.contains("move"), told);

        String silenceId = given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{e}/maintenance-windows/{id}", opened.engagementId(), id).then().statusCode(200)
                .extract().path("silenceId");
        given().auth().oauth2(Tokens.engineer()).get("/silences/{id}", silenceId).then().statusCode(200)
                .body("clientId", equalTo(clientId)).body("engagementId", equalTo(opened.engagementId().toString()))
                .body("startsAt", equalTo(start.toString())).body("endsAt", equalTo(end.toString()));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{e}/maintenance-windows", opened.engagementId())
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(id));
        // staff see who planned it and why, in the cockpit
        Fixtures.inbox(Map.of("engagementId", opened.engagementId())).body(
                "items.find { it.sourceEventType == '" + EngagementMessages.MAINTENANCE_PLANNED
                        + "' && it.audience == 'STAFF' }.body", containsString("sophie"));

        given().auth().oauth2(Tokens.supervisor()).delete("/engagements/{e}/maintenance-windows/{id}",
                opened.engagementId(), id).then().statusCode(200)
                .body("cancelled", equalTo(true)).body("cancelledBy", equalTo("sophie"))
                .body("cancelledAt", notNullValue());
        await().atMost(PATIENCE).until(() -> sentTo(chat).size() == 2);
        String cancelled = sentTo(chat).get(1).text();
        assertTrue(cancelled.startsWith("*Planned maintenance cancelled*"), cancelled);
        String endedAt = given().auth().oauth2(Tokens.engineer()).get("/silences/{id}", silenceId).then()
                .extract().path("endsAt");
        assertTrue(Instant.parse(endedAt).isBefore(end), endedAt);

        // cancelling again changes nothing and tells nobody
        given().auth().oauth2(Tokens.supervisor()).delete("/engagements/{e}/maintenance-windows/{id}",
                opened.engagementId(), id).then().statusCode(200).body("cancelledBy", equalTo("sophie"));
        Fixtures.inbox(Map.of("engagementId", opened.engagementId())).body(
                "items.findAll { it.sourceEventType == '" + EngagementMessages.MAINTENANCE_CANCELLED + "' }.size()",
                equalTo(2));
        assertTrue(sentTo(otherChat).isEmpty());
    }

    @Test
    void aMaintenanceUnderWayHoldsTheClientsMessagesAndIsOverWhenCancelled() {
        String clientId = Fixtures.newClientId();
        String chat = Fixtures.newChatId();
        Fixtures.clientTelegram(clientId, chat);
        EngagementOpened opened = Fixtures.opened(clientId);
        Instant now = Instant.now();
        String id = plan(opened.engagementId(), now, now.plus(1, ChronoUnit.HOURS), "upgrade to 2026.9.7")
                .statusCode(201).extract().path("id");
        // its own announcement is not held by the silence it creates
        await().atMost(PATIENCE).until(() -> sentTo(chat).size() == 1);

        AgentStable stable = new AgentStable(opened.engagementId(), clientId, Fixtures.now(), Fixtures.now());
        Events.publish(stable);
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.inbox(Map.of("engagementId", opened.engagementId()))
                .body("items.find { it.sourceEventType == 'lobsterops.agent.stable' && it.audience == 'CLIENT' }"
                        + ".silenced", equalTo(true)));

        given().auth().oauth2(Tokens.supervisor()).delete("/engagements/{e}/maintenance-windows/{id}",
                opened.engagementId(), id).then().statusCode(200).body("cancelled", equalTo(true));
        await().atMost(PATIENCE).until(() -> sentTo(chat).size() == 2);
        assertTrue(sentTo(chat).get(1).text().startsWith("*Maintenance of your agent is over*"),
                sentTo(chat).get(1).text());
        assertEquals(2, sentTo(chat).size());
    }

    @Test
    void aMaintenanceThatIsOverCannotBeCancelled() {
        EngagementOpened opened = Fixtures.opened(Fixtures.newClientId());
        Instant now = Instant.now();
        Instant end = now.plusSeconds(2);
        String id = plan(opened.engagementId(), now, end, "restart").statusCode(201).extract().path("id");
        await().atMost(PATIENCE).until(() -> Instant.now().isAfter(end));
        assertProblem(given().auth().oauth2(Tokens.supervisor()).delete("/engagements/{e}/maintenance-windows/{id}",
                opened.engagementId(), id).then(), 409, "conflict");
    }

    @Test
    void badWindowsRolesAndUnknownIdsAnswerProblems() {
        EngagementOpened opened = Fixtures.opened(Fixtures.newClientId());
        UUID engagement = opened.engagementId();
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS);
        assertProblem(plan(engagement, start, start.minusSeconds(60), "r"), 400, "validation");
        assertProblem(plan(engagement, start, start, "r"), 400, "validation");
        assertProblem(plan(engagement, Instant.now().minus(1, ChronoUnit.HOURS), start, "r"), 400, "validation");
        assertProblem(plan(engagement, start, start.plus(15, ChronoUnit.DAYS), "r"), 400, "validation");
        assertProblem(plan(engagement, start.plus(400, ChronoUnit.DAYS), start.plus(401, ChronoUnit.DAYS), "r"), 400,
                "validation");
        assertProblem(plan(engagement, start, start.plusSeconds(60), " "), 400, "validation");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("endsAt", start.toString(), "reason", "r"))
                .post("/engagements/{id}/maintenance-windows", engagement).then(), 400, "validation");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("startsAt", "tomorrow", "endsAt", start.toString(), "reason", "r"))
                .post("/engagements/{id}/maintenance-windows", engagement).then(), 400, "malformed-request");
        assertProblem(plan(UUID.randomUUID(), start, start.plusSeconds(60), "r"), 404, "not-found");

        Map<String, String> body = Map.of("startsAt", start.toString(), "endsAt", start.plusSeconds(60).toString(),
                "reason", "r");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(body)
                .post("/engagements/{id}/maintenance-windows", engagement).then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.client(opened.clientId())).contentType(ContentType.JSON).body(body)
                .post("/engagements/{id}/maintenance-windows", engagement).then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.client(opened.clientId()))
                .get("/engagements/{id}/maintenance-windows", engagement).then(), 403, "forbidden");
        assertProblem(given().contentType(ContentType.JSON).body(body)
                .post("/engagements/{id}/maintenance-windows", engagement).then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).delete("/engagements/{e}/maintenance-windows/{id}",
                engagement, UUID.randomUUID()).then(), 404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).queryParam("size", 0)
                .get("/engagements/{id}/maintenance-windows", engagement).then(), 400, "validation");
        String id = plan(engagement, start, start.plusSeconds(60), "r").statusCode(201).extract().path("id");
        assertProblem(given().auth().oauth2(Tokens.engineer()).delete("/engagements/{e}/maintenance-windows/{id}",
                engagement, id).then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).get("/engagements/{e}/maintenance-windows/{id}",
                UUID.randomUUID(), id).then(), 404, "not-found");
    }
}
