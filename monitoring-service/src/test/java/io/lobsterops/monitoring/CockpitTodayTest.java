package io.lobsterops.monitoring;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.ConfigApproved;
import io.lobsterops.events.ConfigProposed;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.GatewayInstalled;
import io.lobsterops.events.InvoiceIssued;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.events.InvoicePaid;
import io.lobsterops.events.PaymentKind;
import io.lobsterops.events.PaymentReceived;
import io.lobsterops.events.Priority;
import io.lobsterops.monitoring.domain.UsageReading;
import io.lobsterops.monitoring.service.UsageService;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;

/** GET /cockpit/today lists what was planted through events: every section, and who may read it. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class CockpitTodayTest {

    static final Duration PATIENCE = Duration.ofSeconds(90);

    @Inject
    UsageService usage;

    <T> T onContext(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(work);
    }

    static ValidatableResponse cockpit() {
        return given().auth().oauth2(Tokens.supervisor()).get("/cockpit/today").then().statusCode(200);
    }

    static InvoiceIssued invoice(EngagementOpened opened, String number, LocalDate dueOn) {
        return new InvoiceIssued(opened.engagementId(), opened.clientId(), UUID.randomUUID(), number,
                InvoiceKind.MAINTENANCE, 49_000, "EUR", dueOn, "https://pay.example/" + number,
                Instant.now().minus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void theCockpitListsWhatNeedsTheAgencyToday() throws Throwable {
        EngagementOpened opened = MonitoringTest.openedAndAwaited("cockpit-" + UUID.randomUUID().toString()
                .substring(0, 8));
        UUID engagementId = opened.engagementId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        // a gateway never probed yet (UNKNOWN) is not UP
        GatewayInstalled gateway = RunPhaseTest.installed(opened);
        // a P0 from another service
        Events.publish(RunPhaseTest.incident(opened, Priority.P0));
        // a review waiting, and one approved since
        ConfigProposed waiting = new ConfigProposed(engagementId, opened.clientId(), UUID.randomUUID(), "repo",
                "proposal/1", "c0ffee1", "eric", now);
        ConfigProposed done = new ConfigProposed(engagementId, opened.clientId(), UUID.randomUUID(), "repo",
                "proposal/2", "c0ffee2", "eric", now);
        Events.publish(waiting);
        Events.publish(done);
        Events.publish(new ConfigApproved(engagementId, opened.clientId(), done.proposalId(), "repo", "c0ffee2",
                "v2", "sophie", now.plusSeconds(1), List.of()));
        // invoices: one overdue by 3 days, one overdue but paid, one paid through payment.received, one not due yet
        InvoiceIssued overdue = invoice(opened, "LO-T-" + engagementId.toString().substring(0, 6) + "-1",
                today.minusDays(3));
        InvoiceIssued paid = invoice(opened, "LO-T-" + engagementId.toString().substring(0, 6) + "-2",
                today.minusDays(3));
        InvoiceIssued settled = invoice(opened, "LO-T-" + engagementId.toString().substring(0, 6) + "-3",
                today.minusDays(1));
        InvoiceIssued notDue = invoice(opened, "LO-T-" + engagementId.toString().substring(0, 6) + "-4",
                today.plusDays(10));
        for (InvoiceIssued issued : List.of(overdue, paid, settled, notDue)) {
            Events.publish(issued);
        }
        Events.publish(new InvoicePaid(engagementId, opened.clientId(), paid.invoiceId(), paid.number(),
                InvoiceKind.MAINTENANCE, 49_000, "EUR", "card", now));
        Events.publish(new PaymentReceived(engagementId, opened.clientId(), settled.invoiceId(), settled.number(),
                PaymentKind.MAINTENANCE, 49_000, "EUR", now));
        // yesterday's usage of the agent
        onContext(() -> usage.record(gateway.gatewayId(), List.of(new UsageReading("main", today.minusDays(1),
                "fakellm/fake-model", 4_000, 200, 0, 0, 33_000, true))));
        // a report waiting for approval
        String report = given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("period", YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString()))
                .post("/engagements/{id}/reports", engagementId).then().statusCode(201).extract().path("id");

        String id = engagementId.toString();
        await().atMost(PATIENCE).untilAsserted(() -> cockpit()
                .body("date", equalTo(today.toString()))
                .body("agentsNotUp.gatewayId", hasItem(gateway.gatewayId().toString()))
                .body("agentsNotUp.find { it.gatewayId == '" + gateway.gatewayId() + "' }.health", equalTo("UNKNOWN"))
                .body("agentsNotUp.find { it.gatewayId == '" + gateway.gatewayId() + "' }.clientName",
                        equalTo(opened.clientName()))
                .body("openEscalations.byPriority.P0", greaterThanOrEqualTo(1))
                .body("openEscalations.items.findAll { it.engagementId == '" + id + "' }.rule",
                        hasItem("incident:kill-switch-pending"))
                .body("reviewsWaiting.proposalId", hasItem(waiting.proposalId().toString()))
                .body("reviewsWaiting.proposalId", not(hasItem(done.proposalId().toString())))
                .body("reportsWaiting.id", hasItem(report))
                .body("yesterday.day", equalTo(today.minusDays(1).toString()))
                .body("yesterday.agents.find { it.engagementId == '" + id + "' }.tokens", equalTo(4_200))
                .body("yesterday.agents.find { it.engagementId == '" + id + "' }.costMicroUsd", equalTo(33_000))
                .body("invoicesOverdue.number", hasItem(overdue.number()))
                .body("invoicesOverdue.find { it.number == '" + overdue.number() + "' }.daysOverdue", equalTo(3))
                .body("invoicesOverdue.number", not(hasItem(paid.number())))
                .body("invoicesOverdue.number", not(hasItem(settled.number())))
                .body("invoicesOverdue.number", not(hasItem(notDue.number()))));

        // approved, the report leaves the waiting list
        given().auth().oauth2(Tokens.supervisor()).post("/reports/{id}/approve", report).then().statusCode(200);
        cockpit().body("reportsWaiting.id", not(hasItem(report)));
    }

    @Test
    void theCockpitIsTheAgencysOnly() {
        assertProblem(given().auth().oauth2(Tokens.client("acme")).get("/cockpit/today").then(), 403, "forbidden");
        given().get("/cockpit/today").then().statusCode(401);
        given().auth().oauth2(Tokens.engineer()).get("/cockpit/today").then().statusCode(200);
    }
}
