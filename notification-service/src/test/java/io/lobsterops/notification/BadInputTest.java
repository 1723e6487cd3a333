package io.lobsterops.notification;

import static io.lobsterops.testkit.BadInput.body;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.lobsterops.notification.support.LoopbackChannels;
import io.lobsterops.testkit.BadInput;
import io.lobsterops.testkit.BadInput.Endpoint;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Bad input to notification (issue 16, ADR 0043): every JSON endpoint's body made wrong in each way of the table, bad
 * query and path parameters, an over-long URI, a body over the limit, a route test and a Telegram update that are not
 * what they should be — each a 4xx problem, never a 500, and destinations, routes, silences and maintenance windows
 * read the same afterwards.
 */
@QuarkusTest
class BadInputTest {

    static AccessTableTest.Fixture fixture() {
        return AccessTableTest.SHARED.get();
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/destinations", "/destinations?clientId={client}",
                    body("name", "bad input", "channel", "TELEGRAM", "clientId", "{client}", "address", "-1009"),
                    "name", "channel"),
            new Endpoint("PUT", "/destinations/{destination}", "/destinations/{destination}",
                    body("name", "bad input", "channel", "TELEGRAM", "address", "-1009", "onDutyRank", 3),
                    "address", "onDutyRank"),
            new Endpoint("POST", "/routes", "/routes?size=100",
                    body("name", "bad input", "audience", "CLIENT", "clientId", "{client}", "channel", "TELEGRAM"),
                    "name", "audience"),
            new Endpoint("PUT", "/routes/{route}", "/routes/{route}",
                    body("name", "bad input", "audience", "CLIENT", "clientId", "{client}", "channel", "TELEGRAM",
                            "repage", false),
                    "clientId", "repage"),
            new Endpoint("POST", "/silences", "/silences?clientId={client}",
                    body("clientId", "{client}", "reason", "planned", "endsAt", AccessTableTest.WEEK_AFTER),
                    "reason", "endsAt"),
            new Endpoint("POST", "/engagements/{id}/maintenance-windows", "/engagements/{id}/maintenance-windows",
                    body("startsAt", AccessTableTest.NEXT_WEEK, "endsAt", AccessTableTest.WEEK_AFTER, "reason",
                            "move"),
                    "reason", "startsAt"));

    static Stream<BadInput.Case> wrongBodies() {
        return BadInput.cases(ENDPOINTS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongBodies")
    void aWrongBodyIsABadRequestAndChangesNothing(BadInput.Case wrong) {
        BadInput.check(wrong, Tokens.supervisor(), fixture()::resolve);
    }

    @Test
    void aBodyOverTheLimitIsA413ProblemAndChangesNothing() throws IOException {
        BadInput.checkOversize(ENDPOINTS, Tokens.supervisor(), fixture()::resolve);
    }

    @Test
    void aRouteTestOfAnEventThatIsNotOneIsABadRequest() {
        for (Object event : new Object[] { true, "text", List.of(), Map.of("engagementId", "not-a-uuid"),
                Map.of("clientId", true) }) {
            given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                    .body(Map.of("type", "lobsterops.agent.stable", "event", event)).post("/routes/test").then()
                    .statusCode(400).contentType(containsString("application/problem+json"));
        }
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("type", "X".repeat(100_000), "event", Map.of())).post("/routes/test").then(), 400,
                "validation").body("detail.length()", lessThan(500));
    }

    @Test
    void aTelegramUpdateThatIsNotOneIsABadRequestOrIgnored() {
        for (String update : new String[] { "{\"update_id\":", "{\"a\":1,\"a\":2}", "[]", "true" }) {
            given().header("X-Telegram-Bot-Api-Secret-Token", LoopbackChannels.WEBHOOK_SECRET)
                    .contentType(ContentType.JSON).body(update).post("/telegram/webhook").then().statusCode(400)
                    .contentType(containsString("application/problem+json"));
        }
        given().header("X-Telegram-Bot-Api-Secret-Token", LoopbackChannels.WEBHOOK_SECRET)
                .contentType(ContentType.JSON)
                .body("{\"callback_query\":{\"id\":\"1\",\"data\":\"ack:" + "x".repeat(300) + "\"}}")
                .post("/telegram/webhook").then().statusCode(200).body("handled", equalTo(false));
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsABadRequest() {
        for (String[] query : new String[][] { { "/deliveries", "status", "BOGUS" },
                { "/deliveries", "status", "Y".repeat(3000) }, { "/deliveries", "messageId", "abc" },
                { "/deliveries", "size", "abc" }, { "/inbox", "engagementId", "abc" },
                { "/inbox", "unacknowledged", "maybe" }, { "/inbox", "hostId", "1" }, { "/inbox", "page", "-1" },
                { "/destinations", "staff", "maybe" }, { "/silences", "all", "maybe" }, { "/routes", "size", "1000" } }) {
            given().auth().oauth2(Tokens.supervisor()).queryParam(query[1], query[2]).get(query[0]).then()
                    .statusCode(400).contentType(containsString("application/problem+json"))
                    .body("detail", containsString(query[1])).body("detail.length()", lessThan(500));
        }
        assertProblem(given().auth().oauth2(Tokens.supervisor()).urlEncodingEnabled(false)
                .get("/inbox?clientId=a%00b").then(), 400, "validation");
    }

    @Test
    void aMalformedOrOverLongIdInThePathIsANotFoundOrA414() {
        for (String path : new String[] { "/inbox/not-a-uuid", "/deliveries/" + "a".repeat(300),
                "/destinations/" + "a".repeat(300), "/routes/" + "a".repeat(300), "/silences/" + "a".repeat(300),
                "/engagements/" + "a".repeat(300) + "/maintenance-windows" }) {
            assertProblem(given().auth().oauth2(Tokens.supervisor()).get(path).then(), 404, "not-found");
        }
        assertProblem(given().auth().oauth2(Tokens.supervisor()).get("/inbox/" + "a".repeat(5000)).then(), 414,
                "uri-too-long");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(body("name", "x", "channel", "TELEGRAM")).put("/destinations/" + "a".repeat(300)).then(), 404,
                "not-found");
    }
}
