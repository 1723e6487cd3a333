package io.lobsterops.monitoring;

import static io.lobsterops.testkit.AccessTable.get;
import static io.lobsterops.testkit.AccessTable.row;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.Priority;
import io.lobsterops.testkit.AccessTable;
import io.lobsterops.testkit.AccessTable.Row;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

/**
 * Who may see and do what in monitoring (issue 16, ADR 0044, ADR 0052): endpoint × supervisor, engineer, the
 * engagement's client, another client, no token → status. A client reads its agent's status (health and stability
 * window, no gateway internals), its usage and budget, and its approved reports (a draft is 404 to it); escalations
 * with their handoffs, runs and the optimizer, hosts, probes and the cockpit are the agency's (403 to a client,
 * whatever the id). This table is the README's permission table for monitoring.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class AccessTableTest {

    static final YearMonth LAST_MONTH = YearMonth.now(ZoneOffset.UTC).minusMonths(1);

    /** An engagement with an open escalation (an incident), a budget, last month's report approved, the month before's a draft. */
    record Fixture(String clientId, UUID engagement, String escalation, String approved, String draft)
            implements AccessTable.Target {

        static Fixture create() {
            EngagementOpened opened = MonitoringTest.openedAndAwaited(MonitoringTest.newClientId());
            UUID engagement = opened.engagementId();
            Events.publish(RunPhaseTest.incident(opened, Priority.P2));
            await().atMost(MonitoringTest.PATIENCE).untilAsserted(() -> RunPhaseTest.escalations(engagement)
                    .body("total", equalTo(1)));
            String escalation = RunPhaseTest.escalations(engagement).extract().path("items[0].id");
            given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                    .body(Map.of("monthlyUsdCents", 10_000, "pauseAtBudget", false))
                    .put("/engagements/{id}/budget", engagement).then().statusCode(200);
            String approved = render(engagement, LAST_MONTH);
            given().auth().oauth2(Tokens.supervisor()).post("/reports/{id}/approve", approved).then().statusCode(200);
            String draft = render(engagement, LAST_MONTH.minusMonths(1));
            return new Fixture(opened.clientId(), engagement, escalation, approved, draft);
        }

        static String render(UUID engagement, YearMonth month) {
            return given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                    .body(Map.of("period", month.toString())).post("/engagements/{id}/reports", engagement).then()
                    .statusCode(201).extract().path("id");
        }

        @Override
        public String resolve(String template) {
            return template.replace("{id}", engagement.toString()).replace("{client}", clientId)
                    .replace("{escalation}", escalation).replace("{approved}", approved).replace("{draft}", draft)
                    .replace("{unknown}", UUID.randomUUID().toString())
                    .replace("{quarter}", LAST_MONTH.getYear() + "-Q" + ((LAST_MONTH.getMonthValue() - 1) / 3 + 1))
                    .replace("{earlier}", LAST_MONTH.minusMonths(2).toString());
        }
    }

    static final Supplier<Fixture> SHARED = AccessTable.once(Fixture::create);

    /** method and path (body), then supervisor, engineer, own client, other client, no token. */
    static Stream<Row> table() {
        return Stream.of(
                get("/engagements/{id}/monitoring", 200, 200, 200, 404, 401),
                get("/monitoring", 200, 200, 200, 200, 401),
                get("/engagements/{id}/usage", 200, 200, 200, 404, 401),
                get("/engagements/{id}/budget", 200, 200, 200, 404, 401),
                get("/engagements/{id}/reports", 200, 200, 200, 404, 401),
                get("/engagements/{id}/reports/quarterly?quarter={quarter}", 200, 200, 200, 404, 401),
                get("/reports/{approved}", 200, 200, 200, 404, 401),
                get("/reports/{approved}", 200, 200, 200, 404, 401).accepting("text/html"),
                get("/reports/{approved}", 200, 200, 200, 404, 401).accepting("application/pdf"),
                get("/reports/{draft}", 200, 200, 404, 404, 401),
                get("/reports/{draft}", 200, 200, 404, 404, 401).accepting("application/pdf"),
                get("/escalations", 200, 200, 403, 403, 401),
                get("/escalations/{escalation}", 200, 200, 403, 403, 401),
                get("/engagements/{id}/runs", 200, 200, 403, 403, 401),
                get("/engagements/{id}/runs/summary", 200, 200, 403, 403, 401),
                get("/engagements/{id}/optimizer", 200, 200, 403, 403, 401),
                get("/engagements/{id}/optimizer/proposals", 200, 200, 403, 403, 401),
                get("/hosts", 200, 200, 403, 403, 401),
                get("/probes", 200, 200, 403, 403, 401),
                get("/cockpit/today", 200, 200, 403, 403, 401),
                row("POST", "/engagements/{id}/reports", "{\"period\":\"{earlier}\"}", 201, 201, 403, 403, 401),
                row("POST", "/reports/{draft}/approve", null, 200, 403, 403, 403, 401),
                row("POST", "/reports/{draft}/changes", "{\"note\":\"add the upgrade\"}", 200, 403, 403, 403, 401),
                row("POST", "/escalations/{escalation}/decision", "{\"decision\":\"restart\",\"note\":\"once\"}",
                        201, 201, 403, 403, 401),
                row("POST", "/escalations/{escalation}/resolve", "{\"resolution\":\"restarted\"}",
                        200, 200, 403, 403, 401),
                row("POST", "/engagements/{id}/runs",
                        "{\"activity\":\"morning briefing\",\"success\":true,\"durationMs\":42000,\"quality\":0.9}",
                        201, 201, 403, 403, 401),
                // no proposal under ten runs: the 404 shows the supervisor got past the roles
                row("POST", "/optimizer/proposals/{unknown}/decision", "{\"approve\":true}", 404, 403, 403, 403, 401),
                row("PUT", "/engagements/{id}/budget", "{\"monthlyUsdCents\":20000,\"pauseAtBudget\":true}",
                        200, 403, 403, 403, 401),
                row("POST", "/probes/sweep", null, 200, 200, 403, 403, 401),
                row("POST", "/probes/usage", null, 200, 200, 403, 403, 401),
                row("POST", "/probes/status", null, 200, 200, 403, 403, 401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachCallerGetsWhatTheTableSays(Row row) {
        AccessTable.check(row, SHARED.get(), Fixture::create);
    }
}
