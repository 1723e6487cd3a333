package io.lobsterops.billing;

import static io.lobsterops.testkit.BadInput.body;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.lobsterops.testkit.BadInput;
import io.lobsterops.testkit.BadInput.Endpoint;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Bad input to billing (issue 16, ADR 0043): every JSON endpoint's body made wrong in each way of the table, bad query
 * and path parameters, an over-long URI, a body over the limit, and Stripe's webhook with a signed body that is not
 * JSON — each a 4xx problem, never a 500, and the contract, documents and invoices read the same afterwards.
 */
@QuarkusTest
class BadInputTest {

    /** The access table's fixture: a signed contract (balance on acceptance), a draft v2, a draft SOW, a deposit. */
    static AccessTableTest.Fixture fixture() {
        return AccessTableTest.SHARED.get();
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/engagements/{id}/contract", "/engagements/{id}/contract/versions",
                    body("tier", "managed", "currency", "EUR", "buildPriceCents", 400_000,
                            "maintenanceMonthlyCents", 30_000, "tokenPayer", "AGENCY", "tokenMarkupBasisPoints", 2_000,
                            "monthlyTokenBudgetUsdCents", 10_000),
                    "tier", "buildPriceCents"),
            new Endpoint("POST", "/engagements/{id}/contract/acceptance", "/engagements/{id}/invoices",
                    body("acceptedBy", "Jane Client", "note", "delivered as agreed"), "acceptedBy", "note"),
            new Endpoint("POST", "/engagements/{id}/documents", "/engagements/{id}/documents",
                    body("kind", "PROPOSAL", "useCase", "Answer customers", "scope", List.of("Telegram"),
                            "timelineWeeks", 3),
                    "useCase", "timelineWeeks"),
            new Endpoint("POST", "/documents/{document}/review", "/documents/{document}",
                    body("decision", "GO", "reason", "prices checked"), "reason", "decision"),
            new Endpoint("POST", "/invoices/{invoice}/payments", "/invoices/{invoice}",
                    body("reference", "wire 42", "reason", "paid by bank transfer"), "reference", "reason"),
            new Endpoint("POST", "/invoices/{invoice}/credit-note", "/engagements/{id}/invoices",
                    body("reason", "wrong amount"), "reason", "reason"));

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
    void aHugeBadEnumValueIsNotEchoedWhole() {
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body("{\"kind\":\"" + "X".repeat(100_000) + "\",\"timelineWeeks\":3}")
                .post("/engagements/{id}/documents", fixture().engagement()).then(), 400, "malformed-request")
                .body("detail", containsString("kind")).body("detail.length()", lessThan(500));
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsABadRequest() {
        for (String[] query : new String[][] { { "size", "abc" }, { "page", "-1" }, { "size", "1000" },
                { "page", "9".repeat(30) } }) {
            assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam(query[0], query[1]).get("/accounts")
                    .then(), 400, "validation").body("violations.field", hasItem(query[0]));
        }
        assertProblem(given().auth().oauth2(Tokens.supervisor()).queryParam("engagementId", "abc")
                .post("/billing-cycles/{month}/run", "2026-11").then(), 400, "validation")
                .body("violations.field", hasItem("engagementId"));
        assertProblem(given().auth().oauth2(Tokens.engineer()).urlEncodingEnabled(false)
                .get("/accounts?size=1%00").then(), 400, "validation");
    }

    @Test
    void aMonthThatDoesNotReadYyyyMmIsABadRequest() {
        for (String month : new String[] { "2026-13", "november", "2026-1" + "1".repeat(300) }) {
            assertProblem(given().auth().oauth2(Tokens.supervisor()).post("/billing-cycles/{month}/run", month)
                    .then(), 400, "bad-request");
            assertProblem(given().auth().oauth2(Tokens.supervisor()).accept("text/csv")
                    .get("/exports/invoices/{month}", month).then(), 400, "bad-request");
        }
    }

    @Test
    void aMalformedOrOverLongIdInThePathIsANotFoundOrA414() {
        for (String path : new String[] { "/invoices/not-a-uuid", "/invoices/" + "a".repeat(300),
                "/documents/" + "a".repeat(300), "/engagements/" + fixture().engagement() + "/contract/versions/abc",
                "/engagements/" + fixture().engagement() + "/contract/versions/99999999999" }) {
            assertProblem(given().auth().oauth2(Tokens.supervisor()).get(path).then(), 404, "not-found");
        }
        assertProblem(given().auth().oauth2(Tokens.supervisor()).accept("application/pdf")
                .get("/invoices/{id}", "a".repeat(300)).then(), 404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).get("/invoices/" + "a".repeat(5000)).then(), 414,
                "uri-too-long");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body("{\"reason\":\"wrong amount\"}").post("/invoices/" + "a".repeat(300) + "/credit-note").then(),
                404, "not-found");
    }

    @Test
    void aSignedWebhookBodyThatIsNotAStripeEventIsABadRequest() {
        String before = given().auth().oauth2(Tokens.supervisor()).get("/invoices/{id}", fixture().invoice()).then()
                .statusCode(200).extract().asString();
        for (String payload : new String[] { "{\"id\":", "[]", "{\"id\":\"evt_1\",\"id\":\"evt_2\"}",
                "{\"id\":\"evt_\\u0000\",\"type\":\"checkout.session.completed\",\"created\":"
                        + Instant.now().getEpochSecond() + "}",
                Billing.sessionCompleted("evt_" + "x".repeat(300), "cs_x", fixture().invoice(), "pi_x")
                        .replace("\"paid\"", "true") }) {
            assertProblem(Billing.webhook(payload).then(), 400, "bad-request");
        }
        given().auth().oauth2(Tokens.supervisor()).get("/invoices/{id}", fixture().invoice()).then()
                .statusCode(200).body(org.hamcrest.Matchers.equalTo(before));
    }
}
