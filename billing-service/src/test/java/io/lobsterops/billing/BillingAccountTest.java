package io.lobsterops.billing;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.CloudEventHeaders;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.Stage;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class BillingAccountTest {

    /** How long an event's effect may take: more than 30 s on a loaded 2-core machine. */
    static final Duration PATIENCE = Duration.ofSeconds(90);

    static String newClientId() {
        return "client-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static EngagementOpened openedAndAwaited(String clientId) {
        EngagementOpened opened = Events.opened(UUID.randomUUID(), clientId, "Client " + clientId);
        Events.publish(opened);
        awaitAccount(opened.engagementId());
        return opened;
    }

    static void awaitAccount(UUID engagementId) {
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/account", engagementId).then().statusCode(200));
    }

    @Test
    void engagementOpenedOpensABillingAccount() {
        String clientId = newClientId();
        EngagementOpened opened = openedAndAwaited(clientId);
        given().auth().oauth2(Tokens.supervisor()).get("/engagements/{id}/account", opened.engagementId()).then()
                .statusCode(200)
                .body("clientId", equalTo(clientId))
                .body("clientName", equalTo("Client " + clientId))
                .body("billingEmail", equalTo("ada@" + clientId + ".test"))
                .body("currency", equalTo("EUR"))
                .body("status", equalTo("OPEN"))
                .body("engagementStage", equalTo("LEAD"))
                .body("timeline", hasSize(1));
    }

    @Test
    void stageChangesFollowTheAccountAndTerminationClosesIt() {
        String clientId = newClientId();
        EngagementOpened opened = openedAndAwaited(clientId);
        Events.publish(Events.stageChanged(opened.engagementId(), clientId, Stage.LEAD, Stage.TERMINATED));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/account", opened.engagementId()).then()
                .body("status", equalTo("CLOSED")).body("engagementStage", equalTo("TERMINATED"))
                .body("timeline", hasSize(2)));
    }

    @Test
    void theSameEventDeliveredTwiceHasOneEffect() {
        String clientId = newClientId();
        EngagementOpened opened = openedAndAwaited(clientId);
        var change = Events.stageChanged(opened.engagementId(), clientId, Stage.LEAD, Stage.DISCOVERY);
        String id = UUID.randomUUID().toString();
        Events.publish(id, change);
        Events.publish(id, change);
        // a later, different event proves both copies were consumed before we look
        Events.publish(Events.stageChanged(opened.engagementId(), clientId, Stage.DISCOVERY, Stage.PROPOSAL));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/account", opened.engagementId()).then()
                .body("engagementStage", equalTo("PROPOSAL")));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/account", opened.engagementId()).then()
                .body("timeline", hasSize(3))
                .body("timeline[1].summary", containsString("LEAD to DISCOVERY"))
                .body("timeline[2].summary", containsString("DISCOVERY to PROPOSAL"));
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        UUID engagementId = UUID.randomUUID();
        String poisonId = KafkaTestClient.publish(EventTypes.ENGAGEMENT_OPENED, engagementId, "{\"engagementId\": 42");
        EngagementOpened next = Events.opened(UUID.randomUUID(), newClientId(), "After The Poison");
        Events.publish(next);

        ConsumerRecord<String, String> dead = KafkaTestClient.find(KafkaTestClient.DLQ,
                KafkaTestClient.eventId(poisonId).and(r -> "billing-service".equals(consumerOf(r))), PATIENCE)
                .orElseThrow(() -> new AssertionError("the poison event is not on the dead-letter topic"));
        assertEquals(engagementId.toString(), dead.key());
        assertEquals("{\"engagementId\": 42", dead.value());
        String reason = KafkaTestClient.header(dead, CloudEventHeaders.DLQ_REASON);
        assertTrue(reason.contains("unreadable payload"), reason);
        awaitAccount(next.engagementId());
        assertProblem(given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/account", engagementId).then(),
                404, "not-found");
        given().get("/q/metrics").then().body(containsString("lobsterops_dead_letters_total"));
    }

    @Test
    void aRecordThatIsNotACloudEventGoesToTheDeadLetterTopic() {
        String marker = "not-a-cloud-event-" + UUID.randomUUID();
        RecordHeaders headers = new RecordHeaders();
        headers.add("x-marker", marker.getBytes(StandardCharsets.UTF_8));
        KafkaTestClient.send(new ProducerRecord<>(KafkaTestClient.TOPIC, null, UUID.randomUUID().toString(),
                "hello", headers));
        ConsumerRecord<String, String> dead = KafkaTestClient.find(KafkaTestClient.DLQ,
                r -> marker.equals(KafkaTestClient.header(r, "x-marker"))
                        && "billing-service".equals(consumerOf(r)), PATIENCE)
                .orElseThrow(() -> new AssertionError("the foreign record is not on the dead-letter topic"));
        assertTrue(KafkaTestClient.header(dead, CloudEventHeaders.DLQ_REASON).contains("not a CloudEvent"));
    }

    @Test
    void anEventThatKeepsFailingIsDeadLetteredAfterItsRetries() {
        // a stage change for an engagement billing never heard of: retried, then dead-lettered
        var orphan = Events.stageChanged(UUID.randomUUID(), newClientId(), Stage.LEAD, Stage.DISCOVERY);
        String id = UUID.randomUUID().toString();
        Events.publish(id, orphan);
        // other services consume the shared test topic too, and may dead-letter the same event: billing's record
        ConsumerRecord<String, String> dead = KafkaTestClient.find(KafkaTestClient.DLQ,
                KafkaTestClient.eventId(id).and(r -> "billing-service".equals(consumerOf(r))), PATIENCE)
                .orElseThrow(() -> new AssertionError("the failing event is not on the dead-letter topic"));
        String reason = KafkaTestClient.header(dead, CloudEventHeaders.DLQ_REASON);
        assertTrue(reason.contains("after 3 attempt(s)"), reason);
        assertTrue(reason.contains("no billing account"), reason);
    }

    @Test
    void eventsPolledTogetherTakeEffectOnceAndInOrder() {
        OnePartition batch = OnePartition.fresh();
        String clientId = batch.clientId();
        UUID engagementId = batch.engagementId();
        String key = batch.key();
        String change = UUID.randomUUID().toString();
        String poison = UUID.randomUUID().toString();
        var toDiscovery = Events.stageChanged(engagementId, clientId, Stage.LEAD, Stage.DISCOVERY);
        KafkaTestClient.sendTogether(List.of(
                Events.record(UUID.randomUUID().toString(), batch.opened(), key),
                Events.record(change, toDiscovery, key),
                Events.record(change, toDiscovery, key),   // the same event twice in one poll
                KafkaTestClient.record(poison, EventTypes.ENGAGEMENT_STAGE_CHANGED, key, engagementId, "{\"oops\""),
                Events.record(UUID.randomUUID().toString(),
                        Events.stageChanged(engagementId, clientId, Stage.DISCOVERY, Stage.PROPOSAL), key)));

        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/account", engagementId).then().statusCode(200)
                .body("engagementStage", equalTo("PROPOSAL")));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/account", engagementId).then()
                .body("timeline", hasSize(3))
                .body("timeline[1].summary", containsString("LEAD to DISCOVERY"))
                .body("timeline[2].summary", containsString("DISCOVERY to PROPOSAL"));
        assertTrue(KafkaTestClient.find(KafkaTestClient.DLQ, KafkaTestClient.eventId(poison)
                .and(r -> "billing-service".equals(consumerOf(r))), PATIENCE).isPresent(),
                "the unreadable record of the batch is not on the dead-letter topic");
        // the five records came in one poll: the consumer took them as one batch of four readable events
        assertTrue(metric("lobsterops_event_batch_size_max") >= 4,
                "largest batch " + metric("lobsterops_event_batch_size_max"));
    }

    @Test
    void aFailingEventOfABatchIsIsolatedAndTheOthersTakeEffect() {
        OnePartition batch = OnePartition.fresh();
        UUID engagementId = batch.engagementId();
        String key = batch.key();
        String orphan = UUID.randomUUID().toString();
        double fallbacksBefore = metric("lobsterops_event_batch_fallbacks_total");
        KafkaTestClient.sendTogether(List.of(
                Events.record(UUID.randomUUID().toString(), batch.opened(), key),
                // an engagement billing never heard of, in the same partition: fails the batch's transaction
                Events.record(orphan, Events.stageChanged(UUID.randomUUID(), newClientId(), Stage.LEAD,
                        Stage.DISCOVERY), key),
                Events.record(UUID.randomUUID().toString(),
                        Events.stageChanged(engagementId, batch.clientId(), Stage.LEAD, Stage.DISCOVERY), key)));

        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/account", engagementId).then().statusCode(200)
                .body("engagementStage", equalTo("DISCOVERY"))
                .body("timeline", hasSize(2)));
        ConsumerRecord<String, String> dead = KafkaTestClient.find(KafkaTestClient.DLQ,
                KafkaTestClient.eventId(orphan).and(r -> "billing-service".equals(consumerOf(r))), PATIENCE)
                .orElseThrow(() -> new AssertionError("the failing event of the batch is not on the dead-letter topic"));
        String reason = KafkaTestClient.header(dead, CloudEventHeaders.DLQ_REASON);
        assertTrue(reason.contains("after 3 attempt(s)") && reason.contains("no billing account"), reason);
        // the three records came in one poll: their transaction failed, then each went through on its own
        assertTrue(metric("lobsterops_event_batch_fallbacks_total") > fallbacksBefore, "no batch fell back");
    }

    @Test
    void aClientSeesOnlyItsOwnAccount() {
        String mine = newClientId();
        EngagementOpened own = openedAndAwaited(mine);
        EngagementOpened other = openedAndAwaited(newClientId());
        given().auth().oauth2(Tokens.client(mine)).get("/engagements/{id}/account", own.engagementId()).then()
                .statusCode(200).body("clientId", equalTo(mine));
        assertProblem(given().auth().oauth2(Tokens.client(mine)).get("/engagements/{id}/account",
                other.engagementId()).then(), 404, "not-found");
        given().auth().oauth2(Tokens.client(mine)).get("/accounts").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].clientId", equalTo(mine));
    }

    @Test
    void accountsNeedAToken() {
        assertProblem(given().get("/accounts").then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.noRole()).get("/accounts").then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/account", UUID.randomUUID())
                .then(), 404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("size", 0).get("/accounts").then(), 400,
                "validation");
    }

    @Test
    void consumerLagIsAMetric() {
        openedAndAwaited(newClientId());
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("kafka_consumer_fetch_manager_records_lag"))
                .body(containsString("lobsterops_events_consumed_total"));
    }

    /** A new engagement whose records all carry its id as Kafka key: one partition, so one poll takes them together. */
    private record OnePartition(String clientId, EngagementOpened opened) {

        static OnePartition fresh() {
            String clientId = newClientId();
            return new OnePartition(clientId, Events.opened(UUID.randomUUID(), clientId, "Client " + clientId));
        }

        UUID engagementId() {
            return opened.engagementId();
        }

        String key() {
            return opened.engagementId().toString();
        }
    }

    /**
     * A metric's value in the Prometheus output, 0 when absent: {@code lobsterops_event_batch_size_max} is the largest
     * batch of readable events taken at once lately, {@code lobsterops_event_batch_fallbacks_total} the batches that
     * failed together and were processed again one event at a time.
     */
    private static double metric(String name) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .max().orElse(0);
    }

    private static String consumerOf(ConsumerRecord<String, String> record) {
        String reason = KafkaTestClient.header(record, CloudEventHeaders.DLQ_REASON);
        return reason == null ? null : reason.substring(0, reason.indexOf(' '));
    }
}
