package io.lobsterops.notification;

import static io.lobsterops.notification.support.Fixtures.FIRST_ON_DUTY;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.AgentStable;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.Priority;
import io.lobsterops.notification.support.Fixtures;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class RoutingTest {

    @BeforeEach
    void onDuty() {
        Fixtures.staffOnDuty();
    }

    static ValidatableResponse postRoute(Object body) {
        return given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON).body(body).post("/routes")
                .then();
    }

    static ValidatableResponse testRoute(String type, Object event) {
        return given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("type", type, "event", event)).post("/routes/test").then();
    }

    @Test
    void theRunbookDefaultsAreShippedAndOnlyASupervisorSeesTheRules() {
        List<String> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<String> found = given().auth().oauth2(Tokens.supervisor()).queryParam("page", page)
                    .queryParam("size", 100).get("/routes").then().statusCode(200)
                    .body("page", equalTo(page)).body("size", equalTo(100)).extract().path("items.id");
            if (found.isEmpty()) {
                break;
            }
            ids.addAll(found);
        }
        assertTrue(ids.containsAll(List.of("00000000-0000-0000-0000-000000000001",
                "00000000-0000-0000-0000-000000000002", "00000000-0000-0000-0000-000000000003",
                "00000000-0000-0000-0000-000000000004", "00000000-0000-0000-0000-000000000005")), ids.toString());
        given().auth().oauth2(Tokens.supervisor()).get("/routes/{id}", "00000000-0000-0000-0000-000000000001").then()
                .statusCode(200).body("priority", equalTo("P0")).body("repage", equalTo(true));
        assertProblem(given().get("/routes").then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.engineer()).get("/routes").then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.client("acme")).get("/routes").then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("type", EventTypes.AGENT_STABLE, "event", Map.of())).post("/routes/test").then(), 403,
                "forbidden");
    }

    @Test
    void aRuleIsCreatedReadUpdatedAndDeleted() {
        String clientId = Fixtures.newClientId();
        String location = postRoute(Map.of("name", "Client stable news to Slack", "audience", "CLIENT", "clientId",
                clientId, "eventType", EventTypes.AGENT_STABLE, "channel", "SLACK")).statusCode(201)
                .header("Location", startsWith("http")).body("createdBy", equalTo("sophie"))
                .body("enabled", equalTo(true)).body("repage", equalTo(false)).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        given().auth().oauth2(Tokens.supervisor()).get("/routes/{id}", id).then().statusCode(200)
                .body("clientId", equalTo(clientId)).body("channel", equalTo("SLACK"));
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("name", "Client stable news by e-mail", "audience", "CLIENT", "clientId", clientId,
                        "channel", "EMAIL", "enabled", false))
                .put("/routes/{id}", id).then().statusCode(200).body("channel", equalTo("EMAIL"))
                .body("enabled", equalTo(false));
        given().auth().oauth2(Tokens.supervisor()).delete("/routes/{id}", id).then().statusCode(204);
        assertProblem(given().auth().oauth2(Tokens.supervisor()).get("/routes/{id}", id).then(), 404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).delete("/routes/{id}", id).then(), 404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "audience", "STAFF", "channel", "TELEGRAM"))
                .put("/routes/{id}", UUID.randomUUID()).then(), 404, "not-found");
    }

    @Test
    void aBadRuleIsRefusedWithAProblem() {
        assertProblem(postRoute(Map.of("name", "no channel", "audience", "STAFF")), 400, "validation");
        assertProblem(postRoute(Map.of("name", "bad channel", "audience", "STAFF", "channel", "PIGEON")), 400,
                "malformed-request");
        assertProblem(postRoute(Map.of("name", "bad type", "audience", "STAFF", "channel", "TELEGRAM", "eventType",
                "drop table")), 400, "validation");
        assertProblem(postRoute(Map.of("name", "paging a client", "audience", "CLIENT", "channel", "TELEGRAM",
                "repage", true)), 400, "validation");
        assertProblem(postRoute(Map.of("name", "ghost", "audience", "STAFF", "channel", "TELEGRAM", "destinationId",
                UUID.randomUUID())), 400, "validation");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON).body("{\"name\": ")
                .post("/routes").then(), 400, "malformed-request");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.TEXT).body("name")
                .post("/routes").then(), 415, "unsupported-media-type");
    }

    @Test
    void aRuleMayNotNameAnotherClientsDestinationNorAStaffOne() {
        String mine = Fixtures.newClientId();
        String other = Fixtures.newClientId();
        String othersChat = Fixtures.clientTelegram(other, Fixtures.newChatId());
        assertProblem(postRoute(Map.of("name", "to the wrong client", "audience", "CLIENT", "clientId", mine,
                "channel", "TELEGRAM", "destinationId", othersChat)), 400, "misaddressed-route");
        assertProblem(postRoute(Map.of("name", "client rule without its client", "audience", "CLIENT", "channel",
                "TELEGRAM", "destinationId", othersChat)), 400, "misaddressed-route");
        assertProblem(postRoute(Map.of("name", "staff rule to a client", "audience", "STAFF", "channel", "TELEGRAM",
                "destinationId", othersChat)), 400, "misaddressed-route");
        postRoute(Map.of("name", "the client's own", "audience", "CLIENT", "clientId", other, "channel", "TELEGRAM",
                "destinationId", othersChat)).statusCode(201);
    }

    @Test
    void testingARouteAnswersWhereAnEventWouldGoWithoutSendingIt() {
        String clientId = Fixtures.newClientId();
        UUID engagementId = UUID.randomUUID();
        String clientChat = Fixtures.clientTelegram(clientId, Fixtures.newChatId());

        Map<String, Object> escalation = new HashMap<>(Map.of("engagementId", engagementId, "clientId", clientId,
                "escalationId", UUID.randomUUID(), "rule", "gateway-down", "priority", "P0", "summary",
                "Gateway down", "raisedAt", "2026-12-01T08:00:00Z"));
        testRoute(EventTypes.ESCALATION_RAISED, escalation).statusCode(200)
                .body("messages", hasSize(1))
                .body("messages[0].audience", equalTo("STAFF"))
                .body("messages[0].priority", equalTo("P0"))
                .body("messages[0].destinations", hasSize(1))
                .body("messages[0].destinations[0].name", equalTo("Sophie on duty"))
                .body("messages[0].destinations[0].channel", equalTo("TELEGRAM"))
                .body("messages[0].destinations[0].pages", equalTo(true));
        escalation.put("priority", Priority.P3.name());
        testRoute(EventTypes.ESCALATION_RAISED, escalation).statusCode(200)
                .body("messages[0].destinations", empty());
        testRoute(EventTypes.AGENT_STABLE, Fixtures.asMap(new AgentStable(engagementId, clientId, Fixtures.now(),
                Fixtures.now()))).statusCode(200)
                .body("messages.audience", hasItems("STAFF", "CLIENT"))
                .body("messages.find { it.audience == 'CLIENT' }.destinations.destinationId", hasItems(clientChat))
                .body("messages.find { it.audience == 'STAFF' }.destinations", empty());
        // nothing was stored
        Fixtures.inbox(Map.of("engagementId", engagementId)).body("total", equalTo(0));
        org.junit.jupiter.api.Assertions.assertTrue(io.lobsterops.notification.support.LoopbackChannels.telegram()
                .sentTo(FIRST_ON_DUTY).stream().noneMatch(call -> call.text().contains(clientId)));
    }

    @Test
    void testingARouteWithABadEventAnswersAProblem() {
        assertProblem(testRoute("lobsterops.nothing.happened", Map.of()), 400, "validation");
        assertProblem(testRoute(EventTypes.AGENT_STABLE, Map.of("engagementId", "not-a-uuid")), 400, "validation");
        assertProblem(testRoute(EventTypes.AGENT_STABLE, Map.of("clientId", "acme")), 400, "validation");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("type", EventTypes.AGENT_STABLE)).post("/routes/test").then(), 400, "validation");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body("{\"type\": \"" + EventTypes.AGENT_STABLE + "\", \"event\": null}").post("/routes/test").then(),
                400, "validation");
    }

    @Test
    void routesDestinationsAndSilencesArePagedLikeEveryList() {
        String clientId = Fixtures.newClientId();
        List<String> destinations = new ArrayList<>();
        List<String> silences = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            destinations.add(Fixtures.clientTelegram(clientId, Fixtures.newChatId()));
            silences.add(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                    .body(Map.of("clientId", clientId, "reason", "upgrade " + i, "endsAt",
                            Instant.now().plus(i + 1, ChronoUnit.HOURS).toString()))
                    .post("/silences").then().statusCode(201).extract().path("id"));
        }
        Map<String, String> lists = Map.of("/destinations", Tokens.supervisor(), "/silences", Tokens.engineer());
        Map<String, List<String>> created = Map.of("/destinations", destinations, "/silences", silences);
        for (Map.Entry<String, String> list : lists.entrySet()) {
            List<String> seen = new ArrayList<>();
            seen.addAll(pageOf(list.getKey(), list.getValue(), clientId, 0, 2).body("total", equalTo(3))
                    .body("items", hasSize(2)).body("page", equalTo(0)).body("size", equalTo(2))
                    .extract().<List<String>> path("items.id"));
            seen.addAll(pageOf(list.getKey(), list.getValue(), clientId, 1, 2).body("total", equalTo(3))
                    .body("items", hasSize(1)).extract().<List<String>> path("items.id"));
            pageOf(list.getKey(), list.getValue(), clientId, 2, 2).body("items", empty());
            assertEquals(new HashSet<>(created.get(list.getKey())), new HashSet<>(seen), list.getKey());
        }
        // silences end in the order they were made: the stable sort is by end time
        assertEquals(silences.subList(0, 2), pageOf("/silences", Tokens.engineer(), clientId, 0, 2).extract()
                .path("items.id"));

        List<String> first = given().auth().oauth2(Tokens.supervisor()).queryParam("size", 2).get("/routes").then()
                .statusCode(200).body("items", hasSize(2)).extract().path("items.id");
        given().auth().oauth2(Tokens.supervisor()).queryParam("page", 1).queryParam("size", 2).get("/routes").then()
                .statusCode(200).body("items.id", not(hasItem(first.get(0))))
                .body("items.id", not(hasItem(first.get(1))));
        given().auth().oauth2(Tokens.supervisor()).get("/routes").then().body("size", equalTo(20))
                .body("page", equalTo(0));

        for (String path : List.of("/routes", "/destinations", "/silences", "/inbox", "/deliveries")) {
            for (Map<String, Object> bad : List.<Map<String, Object>> of(Map.of("page", -1), Map.of("page", "abc"),
                    Map.of("size", 0), Map.of("size", 101), Map.of("size", "ten"))) {
                assertProblem(given().auth().oauth2(Tokens.supervisor()).queryParams(bad).get(path).then(), 400,
                        "validation");
            }
        }
        assertProblem(given().auth().oauth2(Tokens.supervisor()).queryParam("staff", "maybe").get("/destinations")
                .then(), 400, "validation");
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("all", "maybe").get("/silences").then(),
                400, "validation");
    }

    private static ValidatableResponse pageOf(String path, String token, String clientId, int page, int size) {
        return given().auth().oauth2(token).queryParam("clientId", clientId).queryParam("page", page)
                .queryParam("size", size).get(path).then().statusCode(200);
    }
}
