package io.lobsterops.provisioning;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static io.lobsterops.testkit.Problems.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.AgentDeployed;
import io.lobsterops.events.AgentStable;
import io.lobsterops.events.BalanceTrigger;
import io.lobsterops.events.ConfigApproved;
import io.lobsterops.events.ConfigProposed;
import io.lobsterops.events.ContractSigned;
import io.lobsterops.events.GatewayInstalled;
import io.lobsterops.events.InvoiceIssued;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.events.TokenPayer;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

/** The facts other services publish move the engagement's stage; a late or repeated fact never moves it back. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class StagesFollowFactsTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    static String newClient() {
        return "facts-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static UUID engagementIn(String clientId, List<String> path) {
        return engagementIn(clientId, "Facts " + clientId, path);
    }

    static UUID engagementIn(String clientId, String clientName, List<String> path) {
        UUID id = EngagementResourceTest.open(Tokens.engineer(), clientId, clientName);
        for (String stage : path) {
            if ("PROVISIONING".equals(stage)) {
                given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                        .body(Map.of("reason", "stage test")).post("/engagements/{id}/deposit-waiver", id).then()
                        .statusCode(200);
            }
            EngagementResourceTest.move(id, stage);
        }
        return id;
    }

    static ContractSigned signed(UUID engagementId, String clientId) {
        return new ContractSigned(engagementId, clientId, UUID.randomUUID(), 1, "managed", "EUR", 500_000, 250_000,
                250_000, BalanceTrigger.AGENT_STABLE, 49_00, TokenPayer.AGENCY, 2_000, 100_00, true, "sofia",
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    static AgentStable stable(UUID engagementId, String clientId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new AgentStable(engagementId, clientId, now.minus(Duration.ofHours(24)), now);
    }

    static void awaitStage(UUID id, String stage) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> given().auth()
                .oauth2(Tokens.engineer()).get("/engagements/{id}", id).then().body("stage", equalTo(stage)));
    }

    @Test
    void aSignedContractMovesAProposalToSignedWithTheSignatureAsReason() {
        String clientId = newClient();
        UUID id = engagementIn(clientId, List.of("DISCOVERY", "PROPOSAL"));
        Events.publish(signed(id, clientId));
        awaitStage(id, "SIGNED");
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/history", id).then().statusCode(200)
                .body("reason", hasItem(equalTo("contract.signed: Contract v1 signed (sofia)")))
                .body("changedBy", hasItem(equalTo("/lobsterops/tests")));
    }

    @Test
    void aStableAgentMovesLiveToStableAndALateRepeatMovesNothing() {
        String clientId = newClient();
        UUID id = engagementIn(clientId, List.of("DISCOVERY", "PROPOSAL", "SIGNED", "PROVISIONING", "CONFIGURING",
                "IN_REVIEW", "DEPLOYING", "TRAINING", "LIVE"));
        Events.publish(stable(id, clientId));
        awaitStage(id, "STABLE");
        EngagementResourceTest.move(id, "MAINTENANCE");
        Events.publish(stable(id, clientId));
        Events.publish(signed(id, clientId));
        // a fact published after those two and processed in order proves they were seen and skipped
        UUID marker = engagementIn(clientId, List.of("DISCOVERY", "PROPOSAL"));
        Events.publish(signed(marker, clientId));
        awaitStage(marker, "SIGNED");
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", id).then().body("stage",
                equalTo("MAINTENANCE"));
    }

    @Test
    void aStableAgentBeforeGoLiveMovesNothing() {
        String clientId = newClient();
        UUID id = engagementIn(clientId, List.of("DISCOVERY", "PROPOSAL", "SIGNED", "PROVISIONING", "CONFIGURING",
                "IN_REVIEW", "DEPLOYING", "TRAINING"));
        Events.publish(stable(id, clientId));
        Events.publish(signed(id, clientId));
        UUID marker = engagementIn(clientId, List.of("DISCOVERY", "PROPOSAL"));
        Events.publish(signed(marker, clientId));
        awaitStage(marker, "SIGNED");
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", id).then().body("stage",
                equalTo("TRAINING"));
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static GatewayInstalled installed(UUID id, String clientId) {
        return new GatewayInstalled(id, clientId, UUID.randomUUID(), UUID.randomUUID(), clientId + "-abc123", 18789,
                "2026.9.6", UUID.randomUUID(), now());
    }

    static ConfigProposed proposed(UUID id, String clientId) {
        return new ConfigProposed(id, clientId, UUID.randomUUID(), "git@example.test:" + clientId + ".git",
                "proposal/1", "1111111111111111111111111111111111111111", "samuel", now());
    }

    static ConfigApproved approved(UUID id, String clientId) {
        return new ConfigApproved(id, clientId, UUID.randomUUID(), "git@example.test:" + clientId + ".git",
                "1111111111111111111111111111111111111111", "v1", "sofia", now(), List.of());
    }

    static AgentDeployed deployed(UUID id, String clientId) {
        return new AgentDeployed(id, clientId, UUID.randomUUID(), "1111111111111111111111111111111111111111", "v1",
                "provisioning", now());
    }

    /** The released gold set's evaluation, one case, {@code passed} or not, after {@code occasion}. */
    static io.lobsterops.events.GoldSetEvaluated evaluated(UUID id, String clientId, boolean passed,
            io.lobsterops.events.GoldSetOccasion occasion) {
        return new io.lobsterops.events.GoldSetEvaluated(id, clientId, UUID.randomUUID(), UUID.randomUUID(),
                "1111111111111111111111111111111111111111", "2026.9.6", occasion, passed ? 1.0 : 0.0, 0.8, passed,
                List.of(new io.lobsterops.events.GoldSetEvaluated.CaseResult("l3-1", 1, passed,
                        passed ? "passed" : "must refuse", "Hello")), now());
    }

    static InvoiceIssued invoice(UUID id, String clientId, InvoiceKind kind) {
        return new InvoiceIssued(id, clientId, UUID.randomUUID(), "LO-2026-" + (int) (Math.random() * 9000 + 1000),
                kind, 49_00, "EUR", java.time.LocalDate.now().plusDays(14), "https://pay.example.test/x", now());
    }

    /** Publishes a fact about a fresh marker engagement after {@code clientId}'s events and waits for it. */
    static void afterTheFactsBefore(String clientId) {
        afterTheFactsBefore(clientId, "Facts " + clientId);
    }

    /** The same, for a client already known under {@code clientName} (a client keeps its name). */
    static void afterTheFactsBefore(String clientId, String clientName) {
        UUID marker = engagementIn(clientId, clientName, List.of("DISCOVERY", "PROPOSAL"));
        Events.publish(signed(marker, clientId));
        awaitStage(marker, "SIGNED");
    }

    @Test
    void eachFactEndsItsStageInTurnWithTheFactAsReason() {
        String clientId = newClient();
        UUID id = engagementIn(clientId, List.of("DISCOVERY", "PROPOSAL", "SIGNED", "PROVISIONING"));
        Events.publish(installed(id, clientId));
        awaitStage(id, "CONFIGURING");
        Events.publish(proposed(id, clientId));
        awaitStage(id, "IN_REVIEW");
        Events.publish(approved(id, clientId));
        awaitStage(id, "DEPLOYING");
        Events.publish(deployed(id, clientId));   // deployed alone ends nothing: its gold set must pass (ADR 0037)
        Events.publish(evaluated(id, clientId, false, io.lobsterops.events.GoldSetOccasion.DEPLOYMENT));
        Events.publish(evaluated(id, clientId, true, io.lobsterops.events.GoldSetOccasion.ON_DEMAND));
        afterTheFactsBefore(clientId);
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", id).then().body("stage",
                equalTo("DEPLOYING"));
        Events.publish(evaluated(id, clientId, true, io.lobsterops.events.GoldSetOccasion.DEPLOYMENT));
        awaitStage(id, "TRAINING");
        EngagementResourceTest.move(id, "LIVE");
        Events.publish(stable(id, clientId));
        awaitStage(id, "STABLE");
        Events.publish(invoice(id, clientId, InvoiceKind.USAGE));   // not a maintenance month: nothing moves
        Events.publish(invoice(id, clientId, InvoiceKind.MAINTENANCE));
        awaitStage(id, "MAINTENANCE");
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/history", id).then().statusCode(200)
                .body("reason", hasItem(equalTo("gateway.installed: Your agent's gateway is installed")))
                .body("reason", hasItem(equalTo("config.proposed: A new configuration of your agent is in review (samuel)")))
                .body("reason", hasItem(equalTo("config.approved: Configuration v1 approved (sofia)")))
                .body("reason", hasItem(equalTo("goldset.evaluated: Your agent passed its quality check")))
                .body("reason", hasItem(containsString("invoice.issued: Maintenance invoice")))
                .body("reason", not(hasItem(containsString("Usage invoice"))))
                .body("findAll { it.to == 'CONFIGURING' }.size()", equalTo(1))
                .body("to", equalTo(List.of("LEAD", "DISCOVERY", "PROPOSAL", "SIGNED", "PROVISIONING", "CONFIGURING",
                        "IN_REVIEW", "DEPLOYING", "TRAINING", "LIVE", "STABLE", "MAINTENANCE")));
    }

    @Test
    void aFactOutOfOrderOrRepeatedMovesNothing() {
        String clientId = newClient();
        UUID id = engagementIn(clientId, List.of("DISCOVERY", "PROPOSAL", "SIGNED", "PROVISIONING"));
        // approved and deployed before the gateway is installed: they end no stage the engagement is in
        Events.publish(approved(id, clientId));
        Events.publish(deployed(id, clientId));
        String installedId = Events.publish(installed(id, clientId));
        awaitStage(id, "CONFIGURING");
        Events.publish(installedId, installed(id, clientId));   // the same event again
        Events.publish(installed(id, clientId));                // the same fact in another event
        Events.publish(signed(id, clientId));                   // a late signature
        afterTheFactsBefore(clientId);
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/history", id).then()
                .body("to", equalTo(List.of("LEAD", "DISCOVERY", "PROPOSAL", "SIGNED", "PROVISIONING",
                        "CONFIGURING")));
    }

    @Test
    void aManualMoveStillWorksAndAFactForTheStageItLeftMovesNothing() {
        String clientId = newClient();
        UUID id = engagementIn(clientId, List.of("DISCOVERY", "PROPOSAL", "SIGNED", "PROVISIONING", "CONFIGURING",
                "IN_REVIEW"));
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("stage", "CONFIGURING", "reason", "review sent back by phone"))
                .post("/engagements/{id}/stage", id).then().statusCode(200).body("stage", equalTo("CONFIGURING"));
        Events.publish(approved(id, clientId));   // the approval of the review that was sent back
        afterTheFactsBefore(clientId);
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/history", id).then()
                .body("[-1].to", equalTo("CONFIGURING")).body("[-1].changedBy", equalTo("sophie"))
                .body("[-1].reason", equalTo("review sent back by phone"));
    }

    @Test
    void placingAGatewayBeforeTheDepositIsRefusedAndMovesNothing() {
        String clientId = newClient();
        UUID id = engagementIn(clientId, List.of("DISCOVERY", "PROPOSAL", "SIGNED"));
        Map<String, Object> body = Map.of("hostId", UUID.randomUUID(), "model", Map.of("providerId", "fakellm",
                "baseUrl", "http://127.0.0.1:9/v1", "modelId", "m", "apiKey", "sk-x"));
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(body)
                .post("/engagements/{id}/gateways", id).then(), 409, "deposit-unpaid");
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON).body(Map.of("reason", "pilot agreed in writing"))
                .post("/engagements/{id}/deposit-waiver", id).then().statusCode(200);
        // the deposit is settled but the host does not exist: the placement and its stage change are one unit
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(body)
                .post("/engagements/{id}/gateways", id).then(), 404, "not-found");
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", id).then().body("stage", equalTo("SIGNED"));
    }
}
