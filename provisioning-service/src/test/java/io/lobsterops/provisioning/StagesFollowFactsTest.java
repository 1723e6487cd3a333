package io.lobsterops.provisioning;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.AgentStable;
import io.lobsterops.events.BalanceTrigger;
import io.lobsterops.events.ContractSigned;
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
        UUID id = EngagementResourceTest.open(Tokens.engineer(), clientId, "Facts " + clientId);
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
                .body("reason", hasItem(containsString("contract v1 signed by sofia")));
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
}
