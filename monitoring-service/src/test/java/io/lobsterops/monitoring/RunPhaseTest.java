package io.lobsterops.monitoring;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.AgentSuspended;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.GatewayInstalled;
import io.lobsterops.events.IncidentOpened;
import io.lobsterops.events.Priority;
import io.lobsterops.events.Stage;
import io.lobsterops.monitoring.domain.ProbeOutcome;
import io.lobsterops.monitoring.domain.ProbeResult;
import io.lobsterops.monitoring.domain.UsageReading;
import io.lobsterops.monitoring.service.HealthService;
import io.lobsterops.monitoring.service.UsageService;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;

/** The run phase: escalations, the stability window, run metrics and the optimizer, usage and budgets, health. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class RunPhaseTest {

    /** The stability window configured for tests. */
    static final Duration WINDOW = Duration.ofSeconds(5);
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    HealthService health;

    @Inject
    UsageService usage;

    static String newClient() {
        return "run-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static EngagementOpened opened(String clientId) {
        return MonitoringTest.openedAndAwaited(clientId);
    }

    static void moveTo(EngagementOpened opened, Stage from, Stage to, Instant at) {
        Events.publish(new EngagementStageChanged(opened.engagementId(), opened.clientId(), from, to, "test", "eric",
                at));
    }

    static GatewayInstalled installed(EngagementOpened opened) {
        return installed(opened, UUID.randomUUID());
    }

    static GatewayInstalled installed(EngagementOpened opened, UUID hostId) {
        GatewayInstalled installed = new GatewayInstalled(opened.engagementId(), opened.clientId(), UUID.randomUUID(),
                hostId, opened.clientId(), 18789, "2026.9.6", UUID.randomUUID(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        Events.publish(installed);
        await().atMost(PATIENCE).untilAsserted(() -> monitoring(opened.engagementId())
                .body("gateways", hasSize(1)).body("gateways[0].probing", equalTo(true)));
        return installed;
    }

    static ValidatableResponse monitoring(UUID engagementId) {
        return given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/monitoring", engagementId).then()
                .statusCode(200);
    }

    static ValidatableResponse escalations(UUID engagementId) {
        return given().auth().oauth2(Tokens.engineer()).queryParam("engagementId", engagementId).get("/escalations")
                .then().statusCode(200);
    }

    static List<ConsumerRecord<String, String>> events(String type, UUID engagementId, int wanted, Duration wait) {
        return KafkaTestClient.findAll(KafkaTestClient.TOPIC, KafkaTestClient.event(type, engagementId), wanted, wait);
    }

    static ConsumerRecord<String, String> event(String type, UUID engagementId) {
        return KafkaTestClient.find(KafkaTestClient.TOPIC, KafkaTestClient.event(type, engagementId), PATIENCE)
                .orElseThrow(() -> new AssertionError("no " + type + " for " + engagementId));
    }

    <T> T onContext(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(work);
    }

    void probe(GatewayInstalled gateway, ProbeOutcome... outcomes) throws Throwable {
        for (ProbeOutcome outcome : outcomes) {
            onContext(() -> health.record(List.of(new ProbeResult(gateway.gatewayId(), outcome, outcome.name()
                    .toLowerCase(), 7, Instant.now().truncatedTo(ChronoUnit.MICROS)))));
        }
    }

    static IncidentOpened incident(EngagementOpened opened, Priority priority) {
        return new IncidentOpened(opened.engagementId(), opened.clientId(), "kill-switch-pending", priority,
                "Kill switch not enforced yet", "host 10.0.0.7 does not answer", Instant.now()
                        .truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void anIncidentAboutAHostIsEscalatedForEveryEngagementWithAGatewayThereAndNoOther() {
        UUID host = UUID.randomUUID();
        EngagementOpened first = opened(newClient());
        EngagementOpened second = opened(newClient());
        EngagementOpened elsewhere = opened(newClient());
        installed(first, host);
        installed(second, host);
        installed(elsewhere);
        Events.publish(IncidentOpened.aboutHost(host, "host-key-changed", Priority.P0, "Host key of vps-7 changed",
                "presented SHA256:x, pinned SHA256:y", Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        for (EngagementOpened opened : List.of(first, second)) {
            await().atMost(PATIENCE).untilAsserted(() -> escalations(opened.engagementId())
                    .body("total", equalTo(1))
                    .body("items[0].rule", equalTo("incident:host-key-changed"))
                    .body("items[0].priority", equalTo("P0"))
                    .body("items[0].clientId", equalTo(opened.clientId()))
                    .body("items[0].handoff.context", containsString("pinned SHA256:y")));
        }
        escalations(elsewhere.engagementId()).body("total", equalTo(0));
    }

    @Test
    void anIncidentOfAnotherServiceIsEscalatedOnceWithItsHandoffDecidedAndResolved() {
        EngagementOpened opened = opened(newClient());
        Events.publish(incident(opened, Priority.P0));
        Events.publish(incident(opened, Priority.P0));
        await().atMost(PATIENCE).untilAsserted(() -> escalations(opened.engagementId())
                .body("total", equalTo(1))
                .body("items[0].firedCount", equalTo(2))
                .body("items[0].priority", equalTo("P0"))
                .body("items[0].rule", equalTo("incident:kill-switch-pending"))
                .body("items[0].handoff.context", containsString("does not answer"))
                .body("items[0].handoff.urgency", containsString("page")));
        assertEquals(1, events(EventTypes.ESCALATION_RAISED, opened.engagementId(), 2, Duration.ofSeconds(3)).size(),
                "raised once, refreshed after");
        String id = escalations(opened.engagementId()).extract().path("items[0].id");

        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("decision", "call the hosting provider", "note", "ticket 4411")).post("/escalations/{id}/decision", id)
                .then().statusCode(201).body("state", equalTo("ACKNOWLEDGED"))
                .body("decisions[0].decidedBy", equalTo("sophie"))
                .body("decisions[0].decision", equalTo("call the hosting provider"));
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("decision", " ")).post("/escalations/{id}/decision", id).then(), 400, "validation");
        given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("resolution", "host rebooted, kill enforced")).post("/escalations/{id}/resolve", id)
                .then().statusCode(200).body("state", equalTo("RESOLVED")).body("resolvedBy", equalTo("eric"));
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("resolution", "again")).post("/escalations/{id}/resolve", id).then(), 409,
                "escalation-resolved");
        event(EventTypes.ESCALATION_RESOLVED, opened.engagementId());
    }

    @Test
    void escalationsAreStaffOnlyAndAnswerProblems() {
        assertProblem(given().get("/escalations").then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.client("acme")).get("/escalations").then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.engineer()).get("/escalations/{id}", UUID.randomUUID()).then(), 404,
                "not-found");
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("state", "ASLEEP").get("/escalations")
                .then(), 400, "bad-request");
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("engagementId", "nope").get("/escalations")
                .then(), 400, "bad-request");
        assertProblem(given().auth().oauth2(Tokens.client("acme")).contentType(ContentType.JSON)
                .body(Map.of("resolution", "x")).post("/escalations/{id}/resolve", UUID.randomUUID()).then(), 403,
                "forbidden");
    }

    @Test
    void aCleanWindowEndsInAgentStable() {
        EngagementOpened opened = opened(newClient());
        Instant live = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        moveTo(opened, Stage.TRAINING, Stage.LIVE, live);
        ConsumerRecord<String, String> stable = event(EventTypes.AGENT_STABLE, opened.engagementId());
        assertTrue(stable.value().contains("\"liveSince\":\"" + live + "\""), stable.value());
        monitoring(opened.engagementId()).body("stabilityWindow.stableAt", notNullValue())
                .body("stabilityWindow.restarts", equalTo(0));
    }

    @Test
    void anUrgentEscalationDuringTheWindowRestartsIt() {
        EngagementOpened opened = opened(newClient());
        Instant live = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        moveTo(opened, Stage.TRAINING, Stage.LIVE, live);
        await().atMost(PATIENCE).untilAsserted(() -> monitoring(opened.engagementId()).body("stage", equalTo("LIVE")));
        Events.publish(incident(opened, Priority.P1));
        await().atMost(PATIENCE).untilAsserted(() -> monitoring(opened.engagementId())
                .body("stabilityWindow.restarts", org.hamcrest.Matchers.greaterThanOrEqualTo(1)));
        String restartedAt = monitoring(opened.engagementId()).extract().path("stabilityWindow.startedAt");
        ConsumerRecord<String, String> stable = event(EventTypes.AGENT_STABLE, opened.engagementId());
        String stableAt = stable.value().replaceAll(".*\"stableAt\":\"([^\"]+)\".*", "$1");
        assertTrue(!Instant.parse(stableAt).isBefore(Instant.parse(restartedAt).plus(WINDOW)),
                "stable at " + stableAt + " only a whole window after the restart at " + restartedAt);
    }

    @Test
    void theOptimizerWaitsForTenRunsThenProposesAndASupervisorDecides() {
        EngagementOpened opened = opened(newClient());
        for (int i = 0; i < 9; i++) {
            run(opened.engagementId(), "inbox-triage", true, 0.95).statusCode(201);
        }
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/optimizer", opened.engagementId()).then()
                .statusCode(200).body("[0].enoughData", equalTo(false)).body("[0].records", equalTo(9))
                .body("[0].proposed", nullValue());
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/optimizer/proposals", opened.engagementId())
                .then().statusCode(200).body("", hasSize(0));
        run(opened.engagementId(), "inbox-triage", true, 0.95).statusCode(201);
        String proposal = given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/optimizer/proposals", opened.engagementId()).then().statusCode(200)
                .body("", hasSize(1)).body("[0].kind", equalTo("CADENCE")).body("[0].current", equalTo("HOURLY"))
                .body("[0].proposed", equalTo("DAILY")).body("[0].state", equalTo("PROPOSED"))
                .extract().path("[0].id");
        run(opened.engagementId(), "inbox-triage", true, 0.95).statusCode(201);
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/optimizer/proposals", opened.engagementId())
                .then().body("", hasSize(1));

        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("approve", true)).post("/optimizer/proposals/{id}/decision", proposal).then(), 403,
                "forbidden");
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("approve", true, "note", "saves tokens")).post("/optimizer/proposals/{id}/decision",
                        proposal)
                .then().statusCode(200).body("state", equalTo("APPROVED")).body("decidedBy", equalTo("sophie"));
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("approve", false)).post("/optimizer/proposals/{id}/decision", proposal).then(), 409,
                "proposal-decided");
        ConsumerRecord<String, String> changed = event(EventTypes.SCHEDULE_CHANGED, opened.engagementId());
        assertTrue(changed.value().contains("\"cadence\":\"DAILY\""), changed.value());
        assertTrue(changed.value().contains("\"previousCadence\":\"HOURLY\""), changed.value());
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/optimizer", opened.engagementId()).then()
                .body("[0].cadence", equalTo("DAILY"));

        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/runs/summary", opened.engagementId()).then()
                .statusCode(200).body("overall.runs", equalTo(11)).body("overall.successRate", equalTo(1.0f))
                .body("perActivity.inbox-triage.meanQuality", equalTo(0.95f));
        given().auth().oauth2(Tokens.engineer()).queryParam("size", 5).get("/engagements/{id}/runs",
                opened.engagementId()).then().statusCode(200).body("total", equalTo(11)).body("items", hasSize(5));
    }

    static ValidatableResponse run(UUID engagementId, String activity, boolean success, Double quality) {
        return given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(quality == null ? Map.of("activity", activity, "success", success, "durationMs", 1200)
                        : Map.of("activity", activity, "success", success, "durationMs", 1200, "quality", quality))
                .post("/engagements/{id}/runs", engagementId).then();
    }

    @Test
    void recordingARunRefusesBadInputAndUnknownEngagements() {
        EngagementOpened opened = opened(newClient());
        assertProblem(run(opened.engagementId(), "triage", true, 1.5), 400, "validation");
        assertProblem(run(opened.engagementId(), " ", true, 0.5), 400, "validation");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("activity", "triage", "success", true)).post("/engagements/{id}/runs",
                        opened.engagementId()).then(), 400, "validation");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body("{\"activity\":")
                .post("/engagements/{id}/runs", opened.engagementId()).then(), 400, "malformed-request");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("activity", "triage", "success", true, "durationMs", 5, "ranAt", "2999-01-01T00:00:00Z"))
                .post("/engagements/{id}/runs", opened.engagementId()).then(), 400, "bad-request");
        assertProblem(run(UUID.randomUUID(), "triage", true, 0.5), 404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.client(opened.clientId())).contentType(ContentType.JSON)
                .body(Map.of("activity", "triage", "success", true, "durationMs", 5))
                .post("/engagements/{id}/runs", opened.engagementId()).then(), 403, "forbidden");
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/runs", opened.engagementId()).then()
                .body("total", equalTo(0));
    }

    @Test
    void lowQualityIsEscalatedAndResolvesWhenTheRuleFallsQuiet() {
        EngagementOpened opened = opened(newClient());
        for (int i = 0; i < 5; i++) {
            run(opened.engagementId(), "reporting", true, 0.4).statusCode(201);
        }
        escalations(opened.engagementId()).body("total", equalTo(1)).body("items[0].rule", equalTo("quality-low"))
                .body("items[0].priority", equalTo("P2")).body("items[0].state", equalTo("OPEN"));
        for (int i = 0; i < 5; i++) {
            run(opened.engagementId(), "reporting", true, 0.95).statusCode(201);
        }
        await().atMost(PATIENCE).untilAsserted(() -> escalations(opened.engagementId())
                .body("items[0].state", equalTo("RESOLVED"))
                .body("items[0].resolvedBy", equalTo("monitoring-service (rule quiet)")));
        event(EventTypes.ESCALATION_RESOLVED, opened.engagementId());
    }

    static UsageReading reading(String agent, LocalDate day, long input, long output, long costMicroUsd) {
        return new UsageReading(agent, day, "fakellm/fake-model", input, output, 0, 0, costMicroUsd, false);
    }

    @Test
    void usageIsOneRowPerAgentAndDayAndReReadingChangesNothing() throws Throwable {
        EngagementOpened opened = opened(newClient());
        GatewayInstalled gateway = installed(opened);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        onContext(() -> usage.record(gateway.gatewayId(), List.of(reading("ops", today, 1234, 56, 4542),
                reading("ops", today.minusDays(1), 100, 10, 450))));
        onContext(() -> usage.record(gateway.gatewayId(), List.of(reading("ops", today, 1234, 56, 4542))));
        given().auth().oauth2(Tokens.client(opened.clientId())).queryParam("from", today.minusDays(1).toString())
                .get("/engagements/{id}/usage", opened.engagementId()).then().statusCode(200)
                .body("days", hasSize(2)).body("totalTokens", equalTo(1234 + 56 + 110))
                .body("costMicroUsd", equalTo(4542 + 450)).body("days[0].day", equalTo(today.toString()));
        assertEquals(2, events(EventTypes.USAGE_RECORDED, opened.engagementId(), 3, Duration.ofSeconds(4)).size(),
                "one usage.recorded per changed day; the re-read published nothing");
        onContext(() -> usage.record(gateway.gatewayId(), List.of(reading("ops", today, 2000, 80, 7200))));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/usage", opened.engagementId()).then()
                .body("days.find { it.day == '" + today + "' }.inputTokens", equalTo(2000));
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("from", "yesterday")
                .get("/engagements/{id}/usage", opened.engagementId()).then(), 400, "bad-request");
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("from", today.toString())
                .queryParam("to", today.minusDays(3).toString())
                .get("/engagements/{id}/usage", opened.engagementId()).then(), 400, "bad-request");
        assertProblem(given().auth().oauth2(Tokens.client("someone-else")).get("/engagements/{id}/usage",
                opened.engagementId()).then(), 404, "not-found");
    }

    @Test
    void tokensAtZeroCostAreEscalated() throws Throwable {
        EngagementOpened opened = opened(newClient());
        GatewayInstalled gateway = installed(opened);
        onContext(() -> usage.record(gateway.gatewayId(), List.of(reading("ops", LocalDate.now(ZoneOffset.UTC), 900,
                30, 0))));
        escalations(opened.engagementId()).body("items.rule", hasItem("unpriced-tokens"));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/usage", opened.engagementId()).then()
                .body("days[0].unpricedTokens", equalTo(true));
    }

    @Test
    void aSpentBudgetEscalatesAndAsksProvisioningToPauseTheAgentOnce() throws Throwable {
        EngagementOpened opened = opened(newClient());
        GatewayInstalled gateway = installed(opened);
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("monthlyUsdCents", 100, "pauseAtBudget", true)).put("/engagements/{id}/budget",
                        opened.engagementId()).then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("monthlyUsdCents", -1)).put("/engagements/{id}/budget", opened.engagementId()).then(),
                400, "validation");
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("monthlyUsdCents", 100, "pauseAtBudget", true)).put("/engagements/{id}/budget",
                        opened.engagementId()).then().statusCode(200).body("source", equalTo("SUPERVISOR"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        onContext(() -> usage.record(gateway.gatewayId(), List.of(reading("ops", today, 10_000, 500, 850_000))));
        escalations(opened.engagementId()).body("items.rule", hasItem("budget-80"));
        onContext(() -> usage.record(gateway.gatewayId(), List.of(reading("ops", today, 20_000, 900, 1_200_000))));
        escalations(opened.engagementId()).body("items.find { it.rule == 'budget-100' }.priority", equalTo("P1"));
        onContext(() -> usage.record(gateway.gatewayId(), List.of(reading("ops", today, 21_000, 950, 1_300_000))));
        List<ConsumerRecord<String, String>> pauses = events(EventTypes.AGENT_PAUSE_REQUESTED, opened.engagementId(),
                2, Duration.ofSeconds(4));
        assertEquals(1, pauses.size(), "one pause request while the escalation stays open");
        assertTrue(pauses.get(0).value().contains("\"rule\":\"budget-100\""), pauses.get(0).value());
        assertTrue(pauses.get(0).value().contains("budget rule"), pauses.get(0).value());
    }

    @Test
    void probesMoveTheDampedHealthAndADownGatewayIsEscalatedWithItsHandoff() throws Throwable {
        EngagementOpened opened = opened(newClient());
        GatewayInstalled gateway = installed(opened);
        probe(gateway, ProbeOutcome.READY);
        monitoring(opened.engagementId()).body("health", equalTo("UP")).body("gateways[0].lastLatencyMs", equalTo(7));
        probe(gateway, ProbeOutcome.GATEWAY_NOT_READY, ProbeOutcome.GATEWAY_NOT_READY);
        monitoring(opened.engagementId()).body("health", equalTo("UP"));
        probe(gateway, ProbeOutcome.GATEWAY_NOT_READY, ProbeOutcome.GATEWAY_NOT_READY);
        monitoring(opened.engagementId()).body("health", equalTo("DOWN"))
                .body("recentChanges[0].to", equalTo("DOWN"))
                .body("recentChanges[0].reason", containsString("3 failed probe(s) in a row"));
        await().atMost(PATIENCE).untilAsserted(() -> escalations(opened.engagementId())
                .body("items[0].rule", equalTo("gateway-down")).body("items[0].priority", equalTo("P1"))
                .body("items[0].handoff.recommendation", containsString("restart")));
        probe(gateway, ProbeOutcome.READY, ProbeOutcome.READY);
        monitoring(opened.engagementId()).body("health", equalTo("UP"));
        List<ConsumerRecord<String, String>> changes = events(EventTypes.GATEWAY_HEALTH_CHANGED,
                opened.engagementId(), 4, Duration.ofSeconds(5));
        assertEquals(3, changes.size(), "UNKNOWN→UP, UP→DOWN, DOWN→UP: one event per change");
        await().atMost(PATIENCE).untilAsserted(() -> escalations(opened.engagementId())
                .body("items[0].state", equalTo("RESOLVED")));

        given().auth().oauth2(Tokens.client(opened.clientId())).get("/engagements/{id}/monitoring",
                opened.engagementId()).then().statusCode(200).body("health", equalTo("UP"))
                .body("gateways", nullValue()).body("recentChanges[0].reason", nullValue());
        given().auth().oauth2(Tokens.engineer()).queryParam("health", "UP").queryParam("client", opened.clientId())
                .get("/monitoring").then().statusCode(200).body("total", equalTo(1));
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("health", "SLEEPY").get("/monitoring")
                .then(), 400, "bad-request");
        assertProblem(given().auth().oauth2(Tokens.client(opened.clientId())).get("/probes").then(), 403,
                "forbidden");
    }

    @Test
    void measuredMemoryIsKeptPerGatewayAndSummedPerHostAndAFastGrowthIsALeak() throws Throwable {
        EngagementOpened opened = opened(newClient());
        GatewayInstalled gateway = installed(opened);
        io.lobsterops.events.HostRegistered host = new io.lobsterops.events.HostRegistered(gateway.hostId(), "vps-7",
                "10.0.0.7", 22, "lobster", "SHA256:abc", ".lobsterops", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        Events.publish(host);
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer()).get("/hosts").then()
                .statusCode(200).body("hostId", hasItem(gateway.hostId().toString())));
        Instant first = Instant.now().truncatedTo(ChronoUnit.MICROS).minus(Duration.ofHours(1));
        onContext(() -> health.memory(gateway.gatewayId(), 900L * 1024 * 1024, first));
        given().auth().oauth2(Tokens.engineer()).get("/hosts").then()
                .body("find { it.hostId == '" + gateway.hostId() + "' }.measuredRssBytes", equalTo(900 * 1024 * 1024))
                .body("find { it.hostId == '" + gateway.hostId() + "' }.gatewaysMeasured", equalTo(1));
        escalations(opened.engagementId()).body("total", equalTo(0));
        onContext(() -> health.memory(gateway.gatewayId(), 1400L * 1024 * 1024, first.plus(Duration.ofHours(1))));
        escalations(opened.engagementId()).body("items[0].rule", equalTo("memory-high"))
                .body("items[0].summary", containsString("grows 500 MiB/h"))
                .body("items[0].handoff.recommendation", containsString("restart"));
        monitoring(opened.engagementId()).body("gateways[0].rssBytes", equalTo(1400 * 1024 * 1024));
        assertProblem(given().auth().oauth2(Tokens.client(opened.clientId())).get("/hosts").then(), 403,
                "forbidden");
    }

    @Test
    void aSuspendedAgentIsNotProbed() throws Throwable {
        EngagementOpened opened = opened(newClient());
        GatewayInstalled gateway = installed(opened);
        probe(gateway, ProbeOutcome.READY);
        Events.publish(new AgentSuspended(opened.engagementId(), opened.clientId(), gateway.gatewayId(), "test",
                "sofia", Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        await().atMost(PATIENCE).untilAsserted(() -> monitoring(opened.engagementId())
                .body("gateways[0].probing", equalTo(false)));
        probe(gateway, ProbeOutcome.GATEWAY_NOT_READY, ProbeOutcome.GATEWAY_NOT_READY, ProbeOutcome.GATEWAY_NOT_READY);
        monitoring(opened.engagementId()).body("gateways[0].health", equalTo("UNKNOWN"))
                .body("gateways[0].lastOutcome", equalTo("READY"));
    }
}
