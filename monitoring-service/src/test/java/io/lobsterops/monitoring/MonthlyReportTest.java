package io.lobsterops.monitoring;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.AgentUpgraded;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.GatewayHealth;
import io.lobsterops.events.GatewayInstalled;
import io.lobsterops.events.GoldSetEvaluated;
import io.lobsterops.events.GoldSetOccasion;
import io.lobsterops.events.Handoff;
import io.lobsterops.events.Priority;
import io.lobsterops.monitoring.domain.Escalation;
import io.lobsterops.monitoring.domain.Finding;
import io.lobsterops.monitoring.domain.HealthChange;
import io.lobsterops.monitoring.domain.HealthTransition;
import io.lobsterops.monitoring.domain.UsageReading;
import io.lobsterops.monitoring.persistence.EscalationRepository;
import io.lobsterops.monitoring.persistence.HealthChangeRepository;
import io.lobsterops.monitoring.persistence.MonitoredGatewayRepository;
import io.lobsterops.monitoring.service.UsageService;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;

/**
 * The monthly status report of last month, rendered from planted facts of that month (health changes, escalations,
 * usage days, runs, a gold set, an upgrade): its figures in JSON, HTML (inline SVG) and PDF (PDFBox text), the
 * supervisor's one click (report.ready once), changes asked, and what a client may read.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class MonthlyReportTest {

    static final Duration PATIENCE = Duration.ofSeconds(90);

    @Inject
    MonitoredGatewayRepository gateways;

    @Inject
    HealthChangeRepository healthChanges;

    @Inject
    EscalationRepository escalations;

    @Inject
    UsageService usage;

    <T> T onContext(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(work);
    }

    static String newClient() {
        return "report-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Last month: every fact planted in it is complete (the report of the current month would move with the clock). */
    static final YearMonth MONTH = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
    static final Instant FROM = MONTH.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);

    record Planted(EngagementOpened opened, GatewayInstalled gateway, double availability) {
    }

    /**
     * A gateway installed two days before the month, UP from then, DOWN for 3 hours on the 10th; a P1 raised during
     * the outage and resolved after 175 min, a P2 incident still open; 31,500 tokens for $0.37 over two days; three
     * runs (one failed), a passing gold set and an OpenClaw upgrade in the month.
     */
    Planted plant() throws Throwable {
        EngagementOpened opened = MonitoringTest.openedAndAwaited(newClient());
        UUID engagementId = opened.engagementId();
        Instant installedAt = FROM.minus(2, ChronoUnit.DAYS);
        GatewayInstalled gateway = new GatewayInstalled(engagementId, opened.clientId(), UUID.randomUUID(),
                UUID.randomUUID(), opened.clientId(), 18789, "2026.9.6", UUID.randomUUID(), installedAt);
        Events.publish(gateway);
        await().atMost(PATIENCE).untilAsserted(() -> MonitoringTest.monitoring(engagementId).statusCode(200)
                .body("gateways", hasSize(1)));

        Instant down = FROM.plus(9, ChronoUnit.DAYS);
        Instant up = down.plus(3, ChronoUnit.HOURS);
        onContext(() -> Panache.withTransaction(() -> gateways.findById(gateway.gatewayId()).chain(g -> healthChanges
                .persist(new HealthChange(g, new HealthTransition(GatewayHealth.UNKNOWN, GatewayHealth.UP, "first probe"),
                        installedAt.plusSeconds(60)),
                        new HealthChange(g, new HealthTransition(GatewayHealth.UP, GatewayHealth.DOWN, "3 failures"),
                                down),
                        new HealthChange(g, new HealthTransition(GatewayHealth.DOWN, GatewayHealth.UP, "2 successes"),
                                up)))));

        Escalation outage = Escalation.raise(new Finding(engagementId, opened.clientId(), "gateway-down", Priority.P1,
                "Gateway down on vps-internal-7", handoff(Priority.P1)), down.plus(5, ChronoUnit.MINUTES));
        outage.resolve("gateway back", "monitoring-service (rule quiet)", down.plus(180, ChronoUnit.MINUTES));
        Escalation open = Escalation.raise(new Finding(engagementId, opened.clientId(), "incident:kill-switch-pending",
                Priority.P2, "Kill switch pending", handoff(Priority.P2)), FROM.plus(19, ChronoUnit.DAYS));
        onContext(() -> Panache.withTransaction(() -> escalations.persist(outage, open)));

        onContext(() -> usage.record(gateway.gatewayId(), List.of(
                new UsageReading("main", MONTH.atDay(3), "fakellm/fake-model", 10_000, 500, 0, 0, 120_000, true),
                new UsageReading("main", MONTH.atDay(4), "fakellm/fake-model", 20_000, 1_000, 0, 0, 250_000, true))));

        for (Object[] run : List.of(new Object[] { true, 0.9 }, new Object[] { true, 0.8 },
                new Object[] { false, 0.7 })) {
            given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                    .body(Map.of("activity", "morning briefing", "success", run[0], "durationMs", 42_000,
                            "quality", run[1], "ranAt", FROM.plus(5, ChronoUnit.DAYS).toString()))
                    .post("/engagements/{id}/runs", engagementId).then().statusCode(201);
        }
        Events.publish(new GoldSetEvaluated(engagementId, opened.clientId(), UUID.randomUUID(), gateway.gatewayId(),
                "abc123", "2026.10.2", GoldSetOccasion.UPGRADE, 0.92, 0.8, true,
                List.of(new GoldSetEvaluated.CaseResult("refund", 1, true, null, "Sure, a refund...")),
                FROM.plus(6, ChronoUnit.DAYS)));
        Events.publish(new AgentUpgraded(engagementId, opened.clientId(), gateway.gatewayId(), UUID.randomUUID(),
                "2026.9.6", "2026.10.2", 0.92, "sophie", FROM.plus(6, ChronoUnit.DAYS).plusSeconds(60)));
        await().atMost(PATIENCE).untilAsserted(() -> MonitoringTest.monitoring(engagementId)
                .body("gateways[0].openclawVersion", equalTo("2026.10.2")));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/runs", engagementId).then().statusCode(200).body("total", equalTo(4)));

        long minutes = MONTH.lengthOfMonth() * 24L * 60;
        double availability = Math.round((minutes - 180) * 10_000.0 / minutes) / 100.0;
        return new Planted(opened, gateway, availability);
    }

    static Handoff handoff(Priority priority) {
        return new Handoff("context", "nothing", List.of("look"), "look", Finding.urgency(priority));
    }

    static String render(UUID engagementId, int status) {
        return given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("period", MONTH.toString())).post("/engagements/{id}/reports", engagementId).then()
                .statusCode(status).extract().path("id");
    }

    static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    @Test
    void aMonthIsRenderedWithTheClientsFiguresAsJsonHtmlWithSvgAndPdf() throws Throwable {
        Planted planted = plant();
        UUID engagementId = planted.opened().engagementId();
        String availability = String.format(Locale.US, "%.2f %%", planted.availability());

        String id = given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("period", MONTH.toString())).post("/engagements/{id}/reports", engagementId).then()
                .statusCode(201)
                .header("Location", containsString("/reports/"))
                .body("state", equalTo("DRAFT"))
                .body("revision", equalTo(1))
                .body("period", equalTo(MONTH.toString()))
                .body("renderedBy", equalTo("eric"))
                .body("figures.clientName", equalTo(planted.opened().clientName()))
                .body("figures.availability.percent", equalTo((float) planted.availability()))
                .body("figures.availability.downMinutes", equalTo(180))
                .body("figures.availability.healthChanges", equalTo(2))
                .body("figures.incidents.raised", equalTo(2))
                .body("figures.incidents.byPriority.P1", equalTo(1))
                .body("figures.incidents.byPriority.P2", equalTo(1))
                .body("figures.incidents.resolved", equalTo(1))
                .body("figures.incidents.open", equalTo(1))
                .body("figures.incidents.meanMinutesToResolve", equalTo(175))
                .body("figures.incidents.items.what", hasItem("Agent not answering"))
                .body("figures.usage.totalTokens", equalTo(31_500))
                .body("figures.usage.costMicroUsd", equalTo(370_000))
                .body("figures.usage.days", hasSize(MONTH.lengthOfMonth()))
                .body("figures.runs.overall.runs", equalTo(4))
                .body("figures.runs.failed", equalTo(1))
                .body("figures.runs.goldSets", equalTo(1))
                .body("figures.runs.goldSetsPassed", equalTo(1))
                .body("figures.changes.summary", hasItem("OpenClaw upgraded from 2026.9.6 to 2026.10.2 (gold set score 0.92)"))
                .body("figures.recommendations", hasItem(containsString("No monthly token budget")))
                .extract().path("id");

        String html = given().auth().oauth2(Tokens.supervisor()).accept("text/html").get("/reports/{id}", id).then()
                .statusCode(200).contentType(startsWith("text/html")).extract().asString();
        assertTrue(html.contains("<svg"), "inline SVG chart");
        assertTrue(html.contains(planted.opened().clientName()), html);
        assertTrue(html.contains(availability) && html.contains("31,500") && html.contains("$0.37"), html);
        assertTrue(!html.contains("vps-internal-7"), "an escalation's internal summary never reaches the client");

        byte[] pdf = given().auth().oauth2(Tokens.supervisor()).accept("application/pdf").get("/reports/{id}", id)
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        String text = pdfText(pdf);
        assertTrue(text.contains(planted.opened().clientName()), text);
        assertTrue(text.contains("Availability " + availability), text);
        assertTrue(text.contains("Tokens 31,500"), text);
        assertTrue(text.contains("Cost $0.37"), text);
        assertTrue(text.contains("OpenClaw upgraded from 2026.9.6 to 2026.10.2"), text);

        // the quarter's data: this month among its months, side by side
        String quarter = MONTH.getYear() + "-Q" + ((MONTH.getMonthValue() - 1) / 3 + 1);
        given().auth().oauth2(Tokens.engineer()).queryParam("quarter", quarter)
                .get("/engagements/{id}/reports/quarterly", engagementId).then().statusCode(200)
                .body("quarter", equalTo(quarter))
                .body("months.period", hasItem(MONTH.toString()))
                .body("months.find { it.period == '" + MONTH + "' }.tokens", equalTo(31_500))
                .body("months.find { it.period == '" + MONTH + "' }.costMicroUsd", equalTo(370_000))
                .body("months.find { it.period == '" + MONTH + "' }.availabilityPercent",
                        equalTo((float) planted.availability()))
                .body("months.find { it.period == '" + MONTH + "' }.incidents", equalTo(2))
                .body("months.find { it.period == '" + MONTH + "' }.runs", equalTo(4));
        given().auth().oauth2(Tokens.client(planted.opened().clientId())).queryParam("quarter", quarter)
                .get("/engagements/{id}/reports/quarterly", engagementId).then().statusCode(200);
        assertProblem(given().auth().oauth2(Tokens.client("someone-else")).queryParam("quarter", quarter)
                .get("/engagements/{id}/reports/quarterly", engagementId).then(), 404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("quarter", "2026-Q5")
                .get("/engagements/{id}/reports/quarterly", engagementId).then(), 400, "bad-request");
        assertProblem(given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/reports/quarterly", engagementId).then(), 400, "bad-request");
    }

    @Test
    void oneClickApprovesPublishesReportReadyOnceAndOnlyThenTheClientSeesIt() throws Throwable {
        Planted planted = plant();
        UUID engagementId = planted.opened().engagementId();
        String client = planted.opened().clientId();
        String id = render(engagementId, 201);

        // a draft is the agency's: the client gets 404 for it and an empty list
        assertProblem(given().auth().oauth2(Tokens.client(client)).get("/reports/{id}", id).then(), 404, "not-found");
        given().auth().oauth2(Tokens.client(client)).accept("application/pdf").get("/reports/{id}", id).then()
                .statusCode(404);
        given().auth().oauth2(Tokens.client(client)).get("/engagements/{id}/reports", engagementId).then()
                .statusCode(200).body("$", hasSize(0));

        // sent back with a note, it cannot be approved until rendered again (revision 2)
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("note", " ")).post("/reports/{id}/changes", id).then(), 400, "validation");
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("note", "say what the outage was")).post("/reports/{id}/changes", id).then()
                .statusCode(200).body("state", equalTo("CHANGES_REQUESTED"))
                .body("changesNote", equalTo("say what the outage was")).body("changesBy", equalTo("sophie"));
        assertProblem(given().auth().oauth2(Tokens.supervisor()).post("/reports/{id}/approve", id).then(), 409,
                "report-decided");
        assertEquals(id, render(engagementId, 200), "the same report, rendered again");
        given().auth().oauth2(Tokens.engineer()).get("/reports/{id}", id).then().statusCode(200)
                .body("state", equalTo("DRAFT")).body("revision", equalTo(2));

        // only a supervisor approves; one click; a second click is a 409 problem
        assertProblem(given().auth().oauth2(Tokens.engineer()).post("/reports/{id}/approve", id).then(), 403,
                "forbidden");
        given().auth().oauth2(Tokens.supervisor()).post("/reports/{id}/approve", id).then().statusCode(200)
                .body("state", equalTo("APPROVED")).body("approvedBy", equalTo("sophie"));
        assertProblem(given().auth().oauth2(Tokens.supervisor()).post("/reports/{id}/approve", id).then(), 409,
                "report-decided");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("period", MONTH.toString())).post("/engagements/{id}/reports", engagementId).then(),
                409, "report-approved");

        ConsumerRecord<String, String> ready = KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.REPORT_READY, engagementId), PATIENCE)
                .orElseThrow(() -> new AssertionError("no report.ready"));
        assertTrue(ready.value().contains("\"path\":\"/reports/" + id + "\""), ready.value());
        assertTrue(ready.value().contains("\"period\":\"" + MONTH + "\""), ready.value());
        assertEquals(1, KafkaTestClient.findAll(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.REPORT_READY, engagementId), 2, Duration.ofSeconds(5)).size(),
                "report.ready once");
        // back from the topic, the report is SENT (notification has it)
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/reports/{id}", id).then().statusCode(200).body("state", equalTo("SENT")));

        // the client reads its own report, without the agency's names and notes
        given().auth().oauth2(Tokens.client(client)).get("/reports/{id}", id).then().statusCode(200)
                .body("state", equalTo("SENT"))
                .body("approvedBy", nullValue()).body("renderedBy", nullValue()).body("changesNote", nullValue())
                .body("figures.usage.totalTokens", equalTo(31_500));
        given().auth().oauth2(Tokens.client(client)).accept("text/html").get("/reports/{id}", id).then()
                .statusCode(200).body(containsString("<svg"));
        byte[] pdf = given().auth().oauth2(Tokens.client(client)).accept("application/pdf").get("/reports/{id}", id)
                .then().statusCode(200).extract().asByteArray();
        assertTrue(pdfText(pdf).contains("Tokens 31,500"));
        given().auth().oauth2(Tokens.client(client)).get("/engagements/{id}/reports", engagementId).then()
                .statusCode(200).body("$", hasSize(1)).body("[0].id", equalTo(id));

        // another client: 404 on the report and on the engagement's list
        assertProblem(given().auth().oauth2(Tokens.client("someone-else")).get("/reports/{id}", id).then(), 404,
                "not-found");
        assertProblem(given().auth().oauth2(Tokens.client("someone-else")).get("/engagements/{id}/reports",
                engagementId).then(), 404, "not-found");
    }

    @Test
    void badRequestsAreProblemsAndAClientCannotRender() {
        EngagementOpened opened = MonitoringTest.openedAndAwaited(newClient());
        UUID engagementId = opened.engagementId();
        for (String period : List.of("2026-13", "2026-1x", "")) {
            assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                    .body(Map.of("period", period)).post("/engagements/{id}/reports", engagementId).then(), 400,
                    period.isEmpty() ? "validation" : "bad-request");
        }
        String future = YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString();
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("period", future)).post("/engagements/{id}/reports", engagementId).then(), 400,
                "bad-request");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body("{\"period\":").post("/engagements/{id}/reports", engagementId).then(), 400,
                "malformed-request");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("period", MONTH.toString())).post("/engagements/{id}/reports", UUID.randomUUID()).then(),
                404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.client(opened.clientId())).contentType(ContentType.JSON)
                .body(Map.of("period", MONTH.toString())).post("/engagements/{id}/reports", engagementId).then(), 403,
                "forbidden");
        given().contentType(ContentType.JSON).body(Map.of("period", MONTH.toString()))
                .post("/engagements/{id}/reports", engagementId).then().statusCode(401);
        assertProblem(given().auth().oauth2(Tokens.supervisor()).post("/reports/{id}/approve", UUID.randomUUID())
                .then(), 404, "not-found");
        // a month with nothing in it still renders, and says so
        String id = render(engagementId, 201);
        given().auth().oauth2(Tokens.engineer()).get("/reports/{id}", id).then().statusCode(200)
                .body("figures.availability.percent", nullValue())
                .body("figures.usage.totalTokens", equalTo(0))
                .body("figures.incidents.raised", equalTo(0));
        given().auth().oauth2(Tokens.engineer()).accept("text/html").get("/reports/{id}", id).then().statusCode(200)
                .body(containsString("No health check result was recorded this month"),
                        not(containsString("null")));
    }
}
