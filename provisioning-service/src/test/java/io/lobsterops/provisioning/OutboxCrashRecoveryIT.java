package io.lobsterops.provisioning;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.EventTypes;
import io.lobsterops.events.Topics;
import io.lobsterops.testkit.Loopback;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.ServiceProcess;
import io.lobsterops.testkit.TestRun;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

/**
 * The outbox against real failures, on the packaged service run as a process: killed between commit and
 * publication, and a broker that is down while engagements are opened. The test owns a private Kafka broker
 * (dev/kafka.sh with KAFKA_INSTANCE) so that stopping it disturbs nobody else.
 */
class OutboxCrashRecoveryIT {

    /** The private broker: the test run's own instance, on ports free now (ADR 0071). */
    static final String KAFKA_INSTANCE = TestRun.own("crash-it");
    static final int KAFKA_PORT = Loopback.freePort();
    static final int KAFKA_CONTROLLER_PORT = Loopback.freePort();
    static final String BOOTSTRAP = "127.0.0.1:" + KAFKA_PORT;
    static final Path ROOT = Path.of(System.getProperty("lobsterops.root", "..")).toAbsolutePath().normalize();
    static final OidcWiremockTestResource OIDC = new OidcWiremockTestResource();
    static String oidcUrl;

    final List<Process> services = new ArrayList<>();

    @BeforeAll
    static void privateBrokerAndIdentityProvider() throws Exception {
        kafka("start");
        Map<String, String> oidc = OIDC.start();
        oidcUrl = oidc.get("keycloak.url") + "/realms/quarkus/";
    }

    @AfterAll
    static void stopPrivateBroker() throws Exception {
        OIDC.stop();
        kafka("purge");
    }

    @AfterEach
    void stopServices() {
        services.forEach(Process::destroyForcibly);
    }

    @Test
    void aServiceKilledAfterCommitAndBeforePublishingPublishesOnRestart() throws Exception {
        int port = Loopback.freePort();
        Process first = startService(port, false);
        UUID id = openEngagement(port);
        first.destroyForcibly().waitFor();     // SIGKILL: no shutdown hook, nothing flushed
        assertTrue(find(id, Duration.ofSeconds(3)).isEmpty(), "published although the relay never ran");

        startService(port, true);
        ConsumerRecord<String, String> record = find(id, Duration.ofSeconds(60))
                .orElseThrow(() -> new AssertionError("the committed event was not published after the restart"));
        assertTrue(record.value().contains(id.toString()));
    }

    @Test
    void eventsWrittenWhileKafkaIsDownArePublishedWhenItIsBack() throws Exception {
        int port = Loopback.freePort();
        startService(port, true);
        kafka("stop");
        UUID id;
        try {
            id = openEngagement(port);     // the database alone decides: the request succeeds
        } finally {
            kafka("start");
        }
        ConsumerRecord<String, String> record = find(id, Duration.ofSeconds(90))
                .orElseThrow(() -> new AssertionError("the event written during the outage was never published"));
        assertTrue(record.value().contains("\"stage\":\"LEAD\""));
    }

    private UUID openEngagement(int port) {
        String clientId = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        return UUID.fromString(given().port(port).auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("clientId", clientId, "clientName", "Crash Test " + clientId))
                .post("/engagements").then().statusCode(201).extract().path("id"));
    }

    private Process startService(int port, boolean relay) throws IOException {
        Path jar = ROOT.resolve("provisioning-service/target/quarkus-app/quarkus-run.jar");
        Path log = ROOT.resolve("provisioning-service/target/crash-it-" + port + "-" + relay + ".log");
        Process process = ServiceProcess.start(jar, port, log, Duration.ofSeconds(60), List.of(
                "-Dkafka.bootstrap.servers=" + BOOTSTRAP,
                "-Dquarkus.oidc.auth-server-url=" + oidcUrl,
                "-Dmp.messaging.incoming.engagement-events-in.group.id=" + TestRun.own("provisioning-service-crash-it"),
                "-Dlobsterops.messaging.relay.enabled=" + relay));
        services.add(process);
        return process;
    }

    private static Optional<ConsumerRecord<String, String>> find(UUID engagementId, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-it-" + UUID.randomUUID());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                partitions = consumer.partitionsFor(Topics.ENGAGEMENT_EVENTS, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var match = KafkaTestClient.event(EventTypes.ENGAGEMENT_OPENED, engagementId);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    if (match.test(record)) {
                        return Optional.of(record);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static void kafka(String command) throws IOException, InterruptedException {
        File log = ROOT.resolve("provisioning-service/target/crash-it-kafka.log").toFile();
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("dev/kafka.sh").toString(), command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        builder.environment().putAll(Map.of("KAFKA_INSTANCE", KAFKA_INSTANCE, "KAFKA_PORT", String.valueOf(KAFKA_PORT),
                "KAFKA_CONTROLLER_PORT", String.valueOf(KAFKA_CONTROLLER_PORT)));
        assertEquals(0, builder.start().waitFor(), "dev/kafka.sh " + command + " failed, see " + log);
    }
}
