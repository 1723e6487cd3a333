package io.lobsterops.notification;

import static io.lobsterops.testkit.KafkaTestClient.deadLetterReason;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.EngagementOpened;
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
class CockpitInboxTest {

    static final Duration PATIENCE = Duration.ofSeconds(90);

    static String newClientId() {
        return "client-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ValidatableResponse inboxOf(UUID engagementId, String token) {
        return given().auth().oauth2(token).queryParam("engagementId", engagementId).get("/inbox").then();
    }

    static ValidatableResponse staffInboxOf(UUID engagementId) {
        return inboxOf(engagementId, Tokens.engineer());
    }

    /** Publishes an engagement.opened and waits for its message; answers the engagement. */
    static EngagementOpened openedAndAwaited(String clientId) {
        EngagementOpened opened = Events.opened(UUID.randomUUID(), clientId, "Client " + clientId);
        Events.publish(opened);
        await().atMost(PATIENCE).untilAsserted(() -> staffInboxOf(opened.engagementId()).body("total", equalTo(1)));
        return opened;
    }

    /** Publishes a move to LIVE, which also tells the client, and waits for its messages. */
    static void wentLive(EngagementOpened opened) {
        Events.publish(Events.stageChanged(opened.engagementId(), opened.clientId(), Stage.TRAINING, Stage.LIVE));
        await().atMost(PATIENCE).untilAsserted(() -> staffInboxOf(opened.engagementId()).body("total", equalTo(3)));
    }

    static String firstMessageId(UUID engagementId) {
        return staffInboxOf(engagementId).extract().path("items[0].id");
    }

    @Test
    void anOpenedEngagementPutsAP3StaffMessageInTheInbox() {
        String clientId = newClientId();
        EngagementOpened opened = openedAndAwaited(clientId);
        staffInboxOf(opened.engagementId()).statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", notNullValue())
                .body("items[0].engagementId", equalTo(opened.engagementId().toString()))
                .body("items[0].clientId", equalTo(clientId))
                .body("items[0].priority", equalTo("P3"))
                .body("items[0].audience", equalTo("STAFF"))
                .body("items[0].title", equalTo("New engagement: Client " + clientId))
                .body("items[0].body", containsString("**Client " + clientId.replace("-", "\\-") + "**"))
                .body("items[0].body", containsString("- Stage: LEAD"))
                .body("items[0].createdAt", notNullValue())
                .body("items[0].acknowledgedAt", nullValue())
                .body("items[0].acknowledgedBy", nullValue());
    }

    @Test
    void aStageChangeAddsAMessageNewestFirst() {
        EngagementOpened opened = openedAndAwaited(newClientId());
        Events.publish(Events.stageChanged(opened.engagementId(), opened.clientId(), Stage.LEAD, Stage.DISCOVERY));
        await().atMost(PATIENCE).untilAsserted(() -> staffInboxOf(opened.engagementId())
                .body("total", equalTo(2))
                .body("items.title", contains("Engagement of " + opened.clientId() + " is now DISCOVERY",
                        "New engagement: Client " + opened.clientId()))
                .body("items[0].priority", equalTo("P3"))
                .body("items[0].audience", equalTo("STAFF"))
                .body("items[0].body", containsString("from **LEAD** to **DISCOVERY**")));
    }

    @Test
    void theSameEventDeliveredTwiceGivesExactlyOneMessage() {
        EngagementOpened opened = Events.opened(UUID.randomUUID(), newClientId(), "Twice Ltd");
        String id = UUID.randomUUID().toString();
        Events.publish(id, opened);
        Events.publish(id, opened);
        // a later event of the same engagement (same partition) proves both copies were consumed before we count
        Events.publish(Events.stageChanged(opened.engagementId(), opened.clientId(), Stage.LEAD, Stage.DISCOVERY));
        await().atMost(PATIENCE).untilAsserted(() -> staffInboxOf(opened.engagementId())
                .body("items.title", contains("Engagement of " + opened.clientId() + " is now DISCOVERY",
                        "New engagement: Twice Ltd")));
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        UUID engagementId = UUID.randomUUID();
        String poisonId = KafkaTestClient.publish(EventTypes.ENGAGEMENT_OPENED, engagementId, "{\"engagementId\": 42");
        EngagementOpened next = Events.opened(UUID.randomUUID(), newClientId(), "After The Poison");
        Events.publish(next);

        ConsumerRecord<String, String> dead = KafkaTestClient.find(KafkaTestClient.DLQ, KafkaTestClient.eventId(poisonId)
                .and(r -> deadLetterReason(r).startsWith("notification-service ")), PATIENCE)
                .orElseThrow(() -> new AssertionError("the poison event is not on the dead-letter topic"));
        assertEquals(engagementId.toString(), dead.key());
        assertEquals("{\"engagementId\": 42", dead.value());
        assertTrue(deadLetterReason(dead).contains("unreadable payload"), deadLetterReason(dead));
        await().atMost(PATIENCE).untilAsserted(() -> staffInboxOf(next.engagementId()).body("total", equalTo(1)));
        staffInboxOf(engagementId).body("total", equalTo(0));
    }

    @Test
    void goingLiveTellsTheClientWhoSeesOnlyItsOwnClientMessages() {
        EngagementOpened mine = openedAndAwaited(newClientId());
        EngagementOpened other = openedAndAwaited(newClientId());
        wentLive(mine);
        wentLive(other);

        // the client sees the one message addressed to it, not the staff messages of its engagement
        given().auth().oauth2(Tokens.client(mine.clientId())).get("/inbox").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].engagementId", equalTo(mine.engagementId().toString()))
                .body("items[0].audience", equalTo("CLIENT"))
                .body("items[0].title", equalTo("Your agent is live"));
        // asking for another client's messages finds nothing
        inboxOf(other.engagementId(), Tokens.client(mine.clientId())).statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(Tokens.client(mine.clientId())).queryParam("clientId", other.clientId()).get("/inbox")
                .then().statusCode(200).body("total", equalTo(0));
        // staff see both audiences, and can filter by client
        given().auth().oauth2(Tokens.supervisor()).queryParam("clientId", mine.clientId()).get("/inbox").then()
                .body("total", equalTo(3))
                .body("items.clientId", everyItem(equalTo(mine.clientId())));
        assertProblem(given().auth().oauth2(Tokens.clientWithoutClaim()).get("/inbox").then(), 403, "forbidden");
    }

    @Test
    void aClientReadsItsOwnClientMessageAndNeitherStaffMessagesNorAnotherClients() {
        EngagementOpened mine = openedAndAwaited(newClientId());
        EngagementOpened other = openedAndAwaited(newClientId());
        wentLive(mine);
        wentLive(other);
        String own = clientMessageId(mine);
        String others = clientMessageId(other);
        String staffOnly = given().auth().oauth2(Tokens.engineer()).queryParam("engagementId", mine.engagementId())
                .get("/inbox").then().extract().path("items.find { it.audience == 'STAFF' }.id");

        given().auth().oauth2(Tokens.client(mine.clientId())).get("/inbox/{id}", own).then().statusCode(200)
                .body("id", equalTo(own)).body("title", equalTo("Your agent is live"));
        assertProblem(given().auth().oauth2(Tokens.client(mine.clientId())).get("/inbox/{id}", others).then(), 404,
                "not-found");
        assertProblem(given().auth().oauth2(Tokens.client(mine.clientId())).get("/inbox/{id}", staffOnly).then(),
                404, "not-found");
        given().auth().oauth2(Tokens.engineer()).get("/inbox/{id}", staffOnly).then().statusCode(200)
                .body("audience", equalTo("STAFF"));
        assertProblem(given().auth().oauth2(Tokens.engineer()).get("/inbox/{id}", UUID.randomUUID()).then(), 404,
                "not-found");
        assertProblem(given().get("/inbox/{id}", own).then(), 401, "unauthorized");
    }

    static String clientMessageId(EngagementOpened opened) {
        return given().auth().oauth2(Tokens.client(opened.clientId())).get("/inbox").then()
                .body("total", equalTo(1)).extract().path("items[0].id");
    }

    @Test
    void staffAcknowledgeAMessageOnceAndAcknowledgingAgainChangesNothing() {
        EngagementOpened opened = openedAndAwaited(newClientId());
        String id = firstMessageId(opened.engagementId());

        ValidatableResponse first = given().auth().oauth2(Tokens.engineer())
                .post("/inbox/{id}/acknowledge", id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("acknowledgedBy", equalTo("eric"))
                .body("acknowledgedAt", notNullValue());
        String acknowledgedAt = first.extract().path("acknowledgedAt");
        given().auth().oauth2(Tokens.supervisor()).post("/inbox/{id}/acknowledge", id).then().statusCode(200)
                .body("acknowledgedBy", equalTo("eric"))
                .body("acknowledgedAt", equalTo(acknowledgedAt));

        given().auth().oauth2(Tokens.engineer()).queryParam("engagementId", opened.engagementId())
                .queryParam("unacknowledged", true).get("/inbox").then().body("total", equalTo(0));
        given().auth().oauth2(Tokens.engineer()).queryParam("engagementId", opened.engagementId())
                .queryParam("unacknowledged", false).get("/inbox").then().body("total", equalTo(1))
                .body("items[0].acknowledgedBy", equalTo("eric"));
    }

    @Test
    void onlyStaffAcknowledgeAndOnlyKnownMessages() {
        EngagementOpened opened = openedAndAwaited(newClientId());
        wentLive(opened);
        String clientMessage = given().auth().oauth2(Tokens.client(opened.clientId())).get("/inbox").then()
                .extract().path("items[0].id");
        assertProblem(given().auth().oauth2(Tokens.client(opened.clientId()))
                .post("/inbox/{id}/acknowledge", clientMessage).then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.noRole()).post("/inbox/{id}/acknowledge", clientMessage).then(),
                403, "forbidden");
        assertProblem(given().post("/inbox/{id}/acknowledge", clientMessage).then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.engineer()).post("/inbox/{id}/acknowledge", UUID.randomUUID())
                .then(), 404, "not-found");
        staffInboxOf(opened.engagementId()).body("items.acknowledgedAt", everyItem(nullValue()));
    }

    @Test
    void theInboxAnswersProblemsForMissingTokensRolesAndBadQueries() {
        assertProblem(given().get("/inbox").then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.forged()).get("/inbox").then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.noRole()).get("/inbox").then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("size", 0).get("/inbox").then(), 400,
                "validation");
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("size", 101).get("/inbox").then(), 400,
                "validation");
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("engagementId", "nope").get("/inbox")
                .then(), 400, "bad-request");
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("unacknowledged", "maybe").get("/inbox")
                .then(), 400, "bad-request");
    }

    @Test
    void theInboxPagesNewestFirst() {
        EngagementOpened opened = openedAndAwaited(newClientId());
        Events.publish(Events.stageChanged(opened.engagementId(), opened.clientId(), Stage.LEAD, Stage.DISCOVERY));
        Events.publish(Events.stageChanged(opened.engagementId(), opened.clientId(), Stage.DISCOVERY,
                Stage.PROPOSAL));
        await().atMost(PATIENCE).untilAsserted(() -> staffInboxOf(opened.engagementId()).body("total", equalTo(3)));
        given().auth().oauth2(Tokens.engineer()).queryParam("engagementId", opened.engagementId())
                .queryParam("page", 0).queryParam("size", 2).get("/inbox").then()
                .body("total", equalTo(3)).body("page", equalTo(0)).body("size", equalTo(2))
                .body("items.title", contains("Engagement of " + opened.clientId() + " is now PROPOSAL",
                        "Engagement of " + opened.clientId() + " is now DISCOVERY"));
        given().auth().oauth2(Tokens.engineer()).queryParam("engagementId", opened.engagementId())
                .queryParam("page", 1).queryParam("size", 2).get("/inbox").then()
                .body("items.title", contains("New engagement: Client " + opened.clientId()));
    }
}
