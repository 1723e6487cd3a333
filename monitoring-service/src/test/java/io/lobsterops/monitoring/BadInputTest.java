package io.lobsterops.monitoring;

import static io.lobsterops.testkit.BadInput.body;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.lobsterops.testkit.BadInput;
import io.lobsterops.testkit.BadInput.Endpoint;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

/**
 * Bad input to monitoring (issue 16, ADR 0043): every JSON endpoint's body made wrong in each way of the table, bad
 * query and path parameters, an over-long URI and a body over the limit — each a 4xx problem, never a 500, and the
 * reports, escalation, runs and budget read the same afterwards.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class BadInputTest {

    static AccessTableTest.Fixture fixture() {
        return AccessTableTest.SHARED.get();
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/engagements/{id}/reports", "/engagements/{id}/reports",
                    body("period", "{earlier}"), "period", "period"),
            new Endpoint("POST", "/reports/{draft}/changes", "/reports/{draft}", body("note", "add the upgrade"),
                    "note", "note"),
            new Endpoint("POST", "/escalations/{escalation}/decision", "/escalations/{escalation}",
                    body("decision", "restart", "note", "once"), "decision", "note"),
            new Endpoint("POST", "/escalations/{escalation}/resolve", "/escalations/{escalation}",
                    body("resolution", "restarted"), "resolution", "resolution"),
            new Endpoint("POST", "/engagements/{id}/runs", "/engagements/{id}/runs",
                    body("activity", "morning briefing", "success", true, "durationMs", 42_000, "quality", 0.9,
                            "notes", "fine"),
                    "notes", "durationMs"),
            new Endpoint("POST", "/optimizer/proposals/{unknown}/decision", "/engagements/{id}/optimizer/proposals",
                    body("approve", true, "note", "go"), "note", "approve"),
            new Endpoint("PUT", "/engagements/{id}/budget", "/engagements/{id}/budget",
                    body("monthlyUsdCents", 20_000, "pauseAtBudget", true), null, "monthlyUsdCents"));

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
    void aFractionOrAStringForAnAmountIsABadRequest() {
        for (String budget : new String[] { "{\"monthlyUsdCents\":1.5}", "{\"monthlyUsdCents\":\"100\"}",
                "{\"monthlyUsdCents\":-1}", "{\"monthlyUsdCents\":99999999999999999999999}" }) {
            given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON).body(budget)
                    .put("/engagements/{id}/budget", fixture().engagement()).then().statusCode(400)
                    .contentType(containsString("application/problem+json")).body("detail", containsString("monthlyUsdCents"));
        }
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsABadRequest() {
        String engagement = "/engagements/" + fixture().engagement();
        for (String[] query : new String[][] { { "/monitoring", "stage", "BOGUS" },
                { "/monitoring", "stage", "Y".repeat(3000) }, { "/monitoring", "health", "SICK" },
                { "/monitoring", "size", "abc" }, { "/monitoring", "page", "-1" }, { "/escalations", "state", "X" },
                { "/escalations", "engagementId", "abc" }, { "/escalations", "size", "1000" },
                { engagement + "/usage", "from", "yesterday" }, { engagement + "/usage", "to", "2026-02-30" },
                { engagement + "/runs", "size", "abc" }, { engagement + "/runs/summary", "days", "0" },
                { engagement + "/reports/quarterly", "quarter", "2026-Q5" } }) {
            given().auth().oauth2(Tokens.supervisor()).queryParam(query[1], query[2]).get(query[0]).then()
                    .statusCode(400).contentType(containsString("application/problem+json"))
                    .body("detail", containsString(query[1])).body("detail.length()", lessThan(500));
        }
        given().auth().oauth2(Tokens.supervisor()).get(engagement + "/reports/quarterly").then().statusCode(400)
                .contentType(containsString("application/problem+json"));
        assertProblem(given().auth().oauth2(Tokens.supervisor()).urlEncodingEnabled(false)
                .get("/monitoring?client=a%00b").then(), 400, "validation");
    }

    @Test
    void aMalformedOrOverLongIdInThePathIsANotFoundOrA414() {
        for (String path : new String[] { "/reports/not-a-uuid", "/reports/" + "a".repeat(300),
                "/escalations/" + "a".repeat(300), "/engagements/" + "a".repeat(300) + "/monitoring",
                "/engagements/" + "a".repeat(300) + "/budget" }) {
            assertProblem(given().auth().oauth2(Tokens.supervisor()).get(path).then(), 404, "not-found");
        }
        assertProblem(given().auth().oauth2(Tokens.supervisor()).get("/reports/" + "a".repeat(5000)).then(), 414,
                "uri-too-long");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body("{\"resolution\":\"done\"}").post("/escalations/" + "a".repeat(300) + "/resolve").then(), 404,
                "not-found");
    }
}
