package io.lobsterops.monitoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.AgentTerminated;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.GatewayInstalled;
import io.lobsterops.events.GoldSetEvaluated;
import io.lobsterops.events.GoldSetOccasion;
import io.lobsterops.events.Priority;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** goldset.evaluated becomes a quality run; agent.terminated stops probing and closes the open escalations. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class NewEventReactionsTest {

    static final Duration PATIENCE = Duration.ofSeconds(90);

    static GoldSetEvaluated goldSet(EngagementOpened opened, double score, Instant at) {
        return new GoldSetEvaluated(opened.engagementId(), opened.clientId(), UUID.randomUUID(), UUID.randomUUID(),
                "abc123", "2026.9.6", GoldSetOccasion.DEPLOYMENT, score, 0.8, score >= 0.8,
                List.of(new GoldSetEvaluated.CaseResult("refund", 1, score >= 0.8, score >= 0.8 ? null
                        : "must mention \"refund\"", "Hello..."),
                        new GoldSetEvaluated.CaseResult("tone", 1, true, null, "Dear...")),
                at);
    }

    @Test
    void aGoldSetIsAQualityRunOnceAndFallingScoresEscalateLikeAnyQualityDrop() {
        EngagementOpened opened = MonitoringTest.openedAndAwaited(RunPhaseTest.newClient());
        UUID engagementId = opened.engagementId();
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        GoldSetEvaluated failed = goldSet(opened, 0.4, start);
        Events.publish(failed);
        Events.publish(failed); // the same evaluation told twice (another event id): one run
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/runs", engagementId).then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(failed.evaluationId().toString()))
                .body("items[0].activity", equalTo("gold set (DEPLOYMENT)"))
                .body("items[0].success", equalTo(false))
                .body("items[0].quality", equalTo(0.4f))
                .body("items[0].notes", containsString("1/2 cases passed"))
                .body("items[0].recordedBy", equalTo("provisioning-service (gold set)")));
        RunPhaseTest.escalations(engagementId).body("items.rule", not(hasItem("quality-low")));

        // five scored runs with a mean under the 0.70 floor: quality-low, as for runs recorded by hand
        for (int i = 1; i <= 4; i++) {
            Events.publish(goldSet(opened, 0.5, start.plusSeconds(60L * i)));
        }
        await().atMost(PATIENCE).untilAsserted(() -> RunPhaseTest.escalations(engagementId)
                .body("items.rule", hasItem("quality-low"))
                .body("items.find { it.rule == 'quality-low' }.priority", equalTo("P2")));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/runs/summary", engagementId).then()
                .statusCode(200).body("perActivity.'gold set (DEPLOYMENT)'.runs", equalTo(5));
    }

    @Test
    void aTerminatedAgentIsNoLongerProbedAndItsEscalationsCloseWithTheReason() {
        EngagementOpened opened = MonitoringTest.openedAndAwaited(RunPhaseTest.newClient());
        UUID engagementId = opened.engagementId();
        GatewayInstalled gateway = RunPhaseTest.installed(opened);
        Events.publish(RunPhaseTest.incident(opened, Priority.P1));
        await().atMost(PATIENCE).untilAsserted(() -> RunPhaseTest.escalations(engagementId)
                .body("items[0].state", equalTo("OPEN")));

        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Events.publish(new AgentTerminated(engagementId, opened.clientId(), UUID.randomUUID(), gateway.gatewayId(),
                "contract ended", "9f".repeat(32), "sophie", at));
        await().atMost(PATIENCE).untilAsserted(() -> RunPhaseTest.monitoring(engagementId)
                .body("gateways[0].probing", equalTo(false)));
        RunPhaseTest.escalations(engagementId)
                .body("items[0].state", equalTo("RESOLVED"))
                .body("items[0].resolution", equalTo("agent terminated: contract ended"))
                .body("items[0].resolvedBy", equalTo("sophie (agent.terminated)"));
        assertEquals(1, KafkaTestClient.findAll(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.ESCALATION_RESOLVED, engagementId), 2, Duration.ofSeconds(5)).size());
    }
}
