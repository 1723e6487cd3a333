package io.lobsterops.provisioning;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.EventTypes;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

/** The client accepts the delivery with its own token, from TRAINING only, and the engagement goes LIVE. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class AcceptanceTest {

    static final List<String> TO_TRAINING = List.of("DISCOVERY", "PROPOSAL", "SIGNED", "PROVISIONING", "CONFIGURING",
            "IN_REVIEW", "DEPLOYING", "TRAINING");

    static io.restassured.response.ValidatableResponse accept(String token, UUID id, Object body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON);
        return (body == null ? request : request.body(body)).post("/engagements/{id}/acceptance", id).then();
    }

    @Test
    void theClientsOwnUserAcceptsInTrainingAndTheEngagementGoesLiveOnce() {
        String clientId = StagesFollowFactsTest.newClient();
        UUID id = StagesFollowFactsTest.engagementIn(clientId, TO_TRAINING);
        accept(Tokens.client(clientId), id, Map.of("comment", "  Works for our dispatch team.  ")).statusCode(200)
                .body("stage", equalTo("LIVE")).body("acceptance.acceptedBy", equalTo("user-of-" + clientId))
                .body("acceptance.comment", equalTo("Works for our dispatch team."))
                .body("acceptance.acceptedAt", notNullValue());
        given().auth().oauth2(Tokens.client(clientId)).get("/engagements/{id}/history", id).then().statusCode(200)
                .body("[-1].from", equalTo("TRAINING")).body("[-1].to", equalTo("LIVE"))
                .body("[-1].changedBy", equalTo("user-of-" + clientId))
                .body("[-1].reason", equalTo("accepted by the client (user-of-" + clientId
                        + "): Works for our dispatch team."));
        ConsumerRecord<String, String> live = KafkaTestClient.find(KafkaTestClient.TOPIC, record -> KafkaTestClient
                .event(EventTypes.ENGAGEMENT_STAGE_CHANGED, id).test(record) && record.value().contains("\"LIVE\""),
                Duration.ofSeconds(20)).orElseThrow(() -> new AssertionError("no engagement.stage-changed to LIVE"));
        assertTrue(live.value().contains("\"changedBy\":\"user-of-" + clientId + "\""), live.value());
        // and the fact itself, for billing (a balance due on acceptance) and notification
        ConsumerRecord<String, String> accepted = KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.AGENT_ACCEPTED, id), Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("no agent.accepted"));
        assertTrue(accepted.value().contains("\"acceptedBy\":\"user-of-" + clientId + "\""), accepted.value());
        assertTrue(accepted.value().contains("\"note\":\"Works for our dispatch team.\""), accepted.value());
        // accepting again: it is LIVE now
        assertProblem(accept(Tokens.client(clientId), id, Map.of()), 409, "not-in-training")
                .body("detail", org.hamcrest.Matchers.containsString("already accepted"));
        assertEquals(1, KafkaTestClient.findAll(KafkaTestClient.TOPIC, KafkaTestClient.event(EventTypes.AGENT_ACCEPTED,
                id), 2, Duration.ofSeconds(3)).size(), "agent.accepted once");
    }

    @Test
    void anAcceptanceWithoutBodyOrCommentIsRecordedWithoutWords() {
        String clientId = StagesFollowFactsTest.newClient();
        UUID id = StagesFollowFactsTest.engagementIn(clientId, TO_TRAINING);
        accept(Tokens.client(clientId), id, null).statusCode(200).body("stage", equalTo("LIVE"))
                .body("acceptance.comment", nullValue());
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/history", id).then()
                .body("[-1].reason", equalTo("accepted by the client (user-of-" + clientId + ")"));
    }

    @Test
    void onlyFromTrainingOtherwise409AndNothingMoves() {
        String clientId = StagesFollowFactsTest.newClient();
        UUID id = StagesFollowFactsTest.engagementIn(clientId, List.of("DISCOVERY", "PROPOSAL", "SIGNED",
                "PROVISIONING", "CONFIGURING", "IN_REVIEW", "DEPLOYING"));
        assertProblem(accept(Tokens.client(clientId), id, Map.of("comment", "looks good")), 409, "not-in-training")
                .body("detail", org.hamcrest.Matchers.containsString("DEPLOYING"));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", id).then().body("stage", equalTo("DEPLOYING"))
                .body("acceptance", nullValue());
    }

    @Test
    void staffMayNotAcceptOnTheClientsBehalfAndAnotherClientSeesNothing() {
        String clientId = StagesFollowFactsTest.newClient();
        UUID id = StagesFollowFactsTest.engagementIn(clientId, TO_TRAINING);
        assertProblem(accept(Tokens.supervisor(), id, Map.of()), 403, "forbidden");
        assertProblem(accept(Tokens.engineer(), id, Map.of()), 403, "forbidden");
        assertProblem(accept(Tokens.service(), id, Map.of()), 403, "forbidden");
        assertProblem(accept(Tokens.client("someone-else"), id, Map.of()), 404, "not-found");
        assertProblem(accept(Tokens.clientWithoutClaim(), id, Map.of()), 403, "forbidden");
        assertProblem(accept(Tokens.client(clientId), UUID.randomUUID(), Map.of()), 404, "not-found");
        assertProblem(accept(Tokens.client(clientId), id, Map.of("comment", "x".repeat(2001))), 400, "validation");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of()).post("/engagements/{id}/acceptance", id)
                .then(), 401, "unauthorized");
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", id).then().body("stage", equalTo("TRAINING"))
                .body("acceptance", nullValue());
    }
}
