package io.lobsterops.agentconfig;

import static io.lobsterops.agentconfig.TestEngagements.PATIENCE;
import static io.lobsterops.agentconfig.TestEngagements.newClientId;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.lobsterops.agentconfig.service.PushJob;
import io.lobsterops.agentconfig.support.GitServer;
import io.lobsterops.events.EngagementEvent;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.TcpForwarder;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Push after commit (ADR 0063), against the local git server over SSH behind a relay a test can cut: the consumer's
 * transaction does local work only, so events go on taking effect — once — while the server is down, and what they
 * committed is pushed by the push job once it is back, without another change or a sync; what is owed survives a
 * restart of the job.
 */
@QuarkusTest
@TestProfile(SshRemoteTest.OverSsh.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class PushAfterCommitTest {

    TcpForwarder relay;

    @Inject
    PushJob job;

    @AfterEach
    void serverUpAndJobRunning() {
        relay.restore();
        job.start();
    }

    @Test
    void eventsTakeEffectOnceWhileTheServerIsDownAndTheirPushesGoOutOnceItIsBack() throws Exception {
        List<String> clients = List.of(newClientId(), newClientId(), newClientId());
        clients.forEach(GitServer::initRepository);
        relay.cut();

        // one poll, one transaction: three repositories created and one renamed while no push can succeed
        String key = UUID.randomUUID().toString();
        List<EngagementOpened> opened = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (String clientId : clients) {
            EngagementOpened event = TestEngagements.opened(clientId, "Client " + clientId, "eric");
            opened.add(event);
            records.add(record(ids, event, key));
        }
        records.add(record(ids, Events.renamed(clients.getFirst(), "Client " + clients.getFirst(),
                "Renamed " + clients.getFirst()), key));
        KafkaTestClient.sendTogether(records);

        for (int i = 0; i < clients.size(); i++) {
            UUID engagement = opened.get(i).engagementId();
            int commits = i == 0 ? 2 : 1;
            await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                    .get("/engagements/{id}/repository", engagement).then()
                    .statusCode(200)
                    .body("commits.size()", equalTo(commits))
                    .body("remote.inSync", equalTo(false))
                    .body("remote.pendingSince", notNullValue())
                    .body("remote.failedAttempts", greaterThanOrEqualTo(1))
                    .body("remote.lastError", containsString("cannot be reached")));
        }
        assertEquals("Renamed " + clients.getFirst(), given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/repository", opened.getFirst().engagementId()).then().extract()
                .path("clientName"));
        assertEquals(Map.of(ids.get(0), 1, ids.get(1), 1, ids.get(2), 1, ids.get(3), 1), processed(ids),
                "each event recorded once");
        ConsumerRecord<String, String> last = KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.eventId(ids.getLast()), PATIENCE).orElseThrow();
        TopicPartition partition = new TopicPartition(last.topic(), last.partition());
        await().atMost(PATIENCE).untilAsserted(() -> assertTrue(committedOffset(partition) > last.offset(),
                "the consumer's offset moved past the events: nothing is polled again"));
        for (String clientId : clients) {
            assertEquals("", GitServer.git(clientId, "for-each-ref").strip(), "nothing reached the server");
        }

        relay.restore();
        for (int i = 0; i < clients.size(); i++) {
            String clientId = clients.get(i);
            UUID engagement = opened.get(i).engagementId();
            String head = given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/repository", engagement)
                    .then().extract().path("headCommit");
            await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertEquals(head,
                    GitServer.git(clientId, "rev-parse", "main").strip(), "pushed by the job, no sync, no change"));
            await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                    .get("/engagements/{id}/repository", engagement).then()
                    .body("remote.inSync", equalTo(true))
                    .body("remote.lastError", nullValue())
                    .body("remote.lastPushAt", notNullValue()));
        }
        assertEquals(2, GitServer.git(clients.getFirst(), "log", "--format=%H", "main").lines().count(),
                "the creation and the rename, each once");
        assertEquals(Map.of(ids.get(0), 1, ids.get(1), 1, ids.get(2), 1, ids.get(3), 1), processed(ids),
                "and no event processed again");
    }

    @Test
    void whatIsOwedWhenThePushJobStopsIsPushedAfterItStartsAgain() throws Exception {
        String clientId = newClientId();
        GitServer.initRepository(clientId);
        job.stop();
        EngagementOpened opened = TestEngagements.openedAndAwaited(clientId, "Client " + clientId);
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/repository", opened.engagementId()).then()
                .body("remote.inSync", equalTo(false))
                .body("remote.failedAttempts", equalTo(0))
                .body("remote.lastError", nullValue());
        assertEquals(1, pendingRows(clientId), "the push is owed in the database, not in the job's memory");
        assertEquals("", GitServer.git(clientId, "for-each-ref").strip(), "no job, no push");

        job.start();
        String head = given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/repository",
                opened.engagementId()).then().extract().path("headCommit");
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertEquals(head,
                GitServer.git(clientId, "rev-parse", "main").strip()));
        await().atMost(PATIENCE).untilAsserted(() -> assertEquals(0, pendingRows(clientId), "and cleared"));
    }

    private static ProducerRecord<String, String> record(List<String> ids, EngagementEvent event, String key) {
        String id = UUID.randomUUID().toString();
        ids.add(id);
        return Events.record(id, event, key);
    }

    private static Map<String, Integer> processed(List<String> ids) throws Exception {
        try (Connection db = RepositoryWriteSafetyTest.database(); PreparedStatement query = db.prepareStatement(
                "select event_id, count(*) from processed_event where event_id = any(?) group by event_id")) {
            query.setArray(1, db.createArrayOf("text", ids.toArray()));
            Map<String, Integer> counts = new java.util.HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
            return counts;
        }
    }

    private static int pendingRows(String clientId) throws Exception {
        try (Connection db = RepositoryWriteSafetyTest.database(); PreparedStatement query = db.prepareStatement(
                "select count(*) from pending_push where client_id = ?")) {
            query.setString(1, clientId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static long committedOffset(TopicPartition partition) throws Exception {
        String group = ConfigProvider.getConfig().getValue("mp.messaging.incoming.engagement-events-in.group.id",
                String.class);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.BOOTSTRAP);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(Map.of(group,
                    new ListConsumerGroupOffsetsSpec().topicPartitions(List.of(partition))))
                    .partitionsToOffsetAndMetadata(group).get();
            OffsetAndMetadata committed = offsets.get(partition);
            return committed == null ? -1 : committed.offset();
        }
    }
}
