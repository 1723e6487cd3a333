package io.lobsterops.monitoring;

import static io.lobsterops.testkit.KafkaTestClient.deadLetterReason;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.Stage;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class MonitoringTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    static String newClientId() {
        return "client-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static EngagementOpened openedAndAwaited(String clientId) {
        EngagementOpened opened = Events.opened(UUID.randomUUID(), clientId, "Client " + clientId);
        Events.publish(opened);
        await().atMost(PATIENCE).untilAsserted(() -> monitoring(opened.engagementId()).statusCode(200));
        return opened;
    }

    static ValidatableResponse monitoring(UUID engagementId) {
        return given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/monitoring", engagementId).then();
    }

    static EngagementStageChanged move(EngagementOpened opened, Stage from, Stage to, Instant at) {
        return new EngagementStageChanged(opened.engagementId(), opened.clientId(), from, to, "test", "eric", at);
    }

    @Test
    void anOpenedEngagementIsRegisteredAwaitingItsGatewayWithNothingConfigured() {
        String clientId = newClientId();
        EngagementOpened opened = openedAndAwaited(clientId);
        given().auth().oauth2(Tokens.supervisor()).get("/engagements/{id}/monitoring", opened.engagementId()).then()
                .statusCode(200)
                .body("engagementId", equalTo(opened.engagementId().toString()))
                .body("clientId", equalTo(clientId))
                .body("clientName", equalTo("Client " + clientId))
                .body("stage", equalTo("LEAD"))
                .body("status", equalTo("AWAITING_GATEWAY"))
                .body("stabilityWindow", nullValue())
                .body("registeredAt", equalTo(opened.openedAt().toString()))
                .body("watches.what", org.hamcrest.Matchers.contains("HEALTH_PROBE", "USAGE", "QUALITY"))
                .body("watches.state", everyItem(equalTo("NOT_CONFIGURED")));
    }

    @Test
    void goingLiveStartsTheStabilityWindowSuspensionPausesAndTerminationStops() {
        EngagementOpened opened = openedAndAwaited(newClientId());
        Instant live = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Events.publish(move(opened, Stage.TRAINING, Stage.LIVE, live));
        await().atMost(PATIENCE).untilAsserted(() -> monitoring(opened.engagementId())
                .body("stage", equalTo("LIVE"))
                .body("status", equalTo("STABILITY_WINDOW"))
                .body("stabilityWindow.startedAt", equalTo(live.toString()))
                .body("stabilityWindow.endsAt", equalTo(live.plus(RunPhaseTest.WINDOW).toString())));

        Events.publish(move(opened, Stage.LIVE, Stage.SUSPENDED, live.plusSeconds(60)));
        await().atMost(PATIENCE).untilAsserted(() -> monitoring(opened.engagementId())
                .body("stage", equalTo("SUSPENDED")).body("status", equalTo("PAUSED")));

        Events.publish(move(opened, Stage.SUSPENDED, Stage.TERMINATED, live.plusSeconds(120)));
        await().atMost(PATIENCE).untilAsserted(() -> monitoring(opened.engagementId())
                .body("stage", equalTo("TERMINATED")).body("status", equalTo("STOPPED")));
    }

    @Test
    void theSameEventDeliveredTwiceHasOneEffect() {
        EngagementOpened opened = openedAndAwaited(newClientId());
        Instant live = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant resumed = live.plusSeconds(3600);
        String goLive = UUID.randomUUID().toString();
        EngagementStageChanged toLive = move(opened, Stage.TRAINING, Stage.LIVE, live);
        Events.publish(goLive, toLive);
        Events.publish(move(opened, Stage.LIVE, Stage.SUSPENDED, live.plusSeconds(60)));
        Events.publish(goLive, toLive);
        Events.publish(move(opened, Stage.SUSPENDED, Stage.LIVE, resumed));
        // applied again, the replayed go-live would leave the engagement LIVE, so resuming would not restart the
        // window: a window started at the resumption proves the replay was skipped
        await().atMost(PATIENCE).untilAsserted(() -> monitoring(opened.engagementId())
                .body("stage", equalTo("LIVE"))
                .body("updatedAt", equalTo(resumed.toString()))
                .body("stabilityWindow.startedAt", equalTo(resumed.toString())));
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        UUID engagementId = UUID.randomUUID();
        String poisonId = KafkaTestClient.publish(EventTypes.ENGAGEMENT_OPENED, engagementId, "{\"engagementId\": 42");
        EngagementOpened next = Events.opened(UUID.randomUUID(), newClientId(), "After The Poison");
        Events.publish(next);

        ConsumerRecord<String, String> dead = KafkaTestClient.find(KafkaTestClient.DLQ, KafkaTestClient.eventId(poisonId)
                .and(r -> deadLetterReason(r).startsWith("monitoring-service ")), PATIENCE)
                .orElseThrow(() -> new AssertionError("the poison event is not on the dead-letter topic"));
        assertEquals(engagementId.toString(), dead.key());
        assertEquals("{\"engagementId\": 42", dead.value());
        assertTrue(deadLetterReason(dead).contains("unreadable payload"), deadLetterReason(dead));
        await().atMost(PATIENCE).untilAsserted(() -> monitoring(next.engagementId()).statusCode(200));
        assertProblem(monitoring(engagementId), 404, "not-found");
    }

    @Test
    void aStageChangeForAnUnknownEngagementIsDeadLetteredAfterItsRetries() {
        String id = UUID.randomUUID().toString();
        Events.publish(id, Events.stageChanged(UUID.randomUUID(), newClientId(), Stage.LEAD, Stage.DISCOVERY));
        ConsumerRecord<String, String> dead = KafkaTestClient.find(KafkaTestClient.DLQ, KafkaTestClient.eventId(id)
                .and(r -> deadLetterReason(r).startsWith("monitoring-service ")), PATIENCE)
                .orElseThrow(() -> new AssertionError("the orphan stage change is not on the dead-letter topic"));
        assertTrue(deadLetterReason(dead).contains("after 3 attempt(s)"), deadLetterReason(dead));
        assertTrue(deadLetterReason(dead).contains("no monitored engagement"), deadLetterReason(dead));
    }

    @Test
    void aClientSeesOnlyItsOwnEngagements() {
        String mine = newClientId();
        EngagementOpened own = openedAndAwaited(mine);
        EngagementOpened other = openedAndAwaited(newClientId());
        given().auth().oauth2(Tokens.client(mine)).get("/engagements/{id}/monitoring", own.engagementId()).then()
                .statusCode(200).body("clientId", equalTo(mine));
        assertProblem(given().auth().oauth2(Tokens.client(mine))
                .get("/engagements/{id}/monitoring", other.engagementId()).then(), 404, "not-found");
        given().auth().oauth2(Tokens.client(mine)).get("/monitoring").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items", hasSize(1))
                .body("items[0].engagementId", equalTo(own.engagementId().toString()));
        assertProblem(given().auth().oauth2(Tokens.clientWithoutClaim()).get("/monitoring").then(), 403,
                "forbidden");
    }

    @Test
    void theListFiltersByStageAndPagesNewestFirst() {
        String clientId = newClientId();
        EngagementOpened first = openedAndAwaited(clientId);
        EngagementOpened second = openedAndAwaited(clientId);
        EngagementOpened third = openedAndAwaited(clientId);
        Events.publish(move(second, Stage.LEAD, Stage.DISCOVERY, Instant.now()));
        await().atMost(PATIENCE).untilAsserted(() -> monitoring(second.engagementId()).body("stage",
                equalTo("DISCOVERY")));

        given().auth().oauth2(Tokens.client(clientId)).queryParam("stage", "LEAD").get("/monitoring").then()
                .statusCode(200)
                .body("total", equalTo(2))
                .body("items.engagementId", org.hamcrest.Matchers.contains(third.engagementId().toString(),
                        first.engagementId().toString()));
        given().auth().oauth2(Tokens.client(clientId)).queryParam("stage", "discovery").get("/monitoring").then()
                .body("total", equalTo(1)).body("items[0].engagementId", equalTo(second.engagementId().toString()));
        given().auth().oauth2(Tokens.client(clientId)).queryParam("page", 1).queryParam("size", 2)
                .get("/monitoring").then()
                .body("total", equalTo(3)).body("page", equalTo(1)).body("size", equalTo(2))
                .body("items.engagementId", org.hamcrest.Matchers.contains(first.engagementId().toString()));
    }

    @Test
    void monitoringAnswersProblemsForMissingTokensRolesAndBadRequests() {
        assertProblem(given().get("/monitoring").then(), 401, "unauthorized");
        assertProblem(given().get("/engagements/{id}/monitoring", UUID.randomUUID()).then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.noRole()).get("/monitoring").then(), 403, "forbidden");
        assertProblem(monitoring(UUID.randomUUID()), 404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("size", 0).get("/monitoring").then(), 400,
                "validation");
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("size", 101).get("/monitoring").then(), 400,
                "validation");
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("stage", "ASLEEP").get("/monitoring")
                .then(), 400, "bad-request");
    }
}
