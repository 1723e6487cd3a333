package io.lobsterops.provisioning;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.EventTypes;
import io.lobsterops.provisioning.support.MonitoringKey;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.TestHost;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * monitoring-service's access to the hosts: what provisioning tells it in events (never a key), and the restricted
 * key line and probe it installs, tried against the real sshd test host with monitoring's own key.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(MonitoringKey.class)
class MonitoringAccessTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    @jakarta.inject.Inject
    io.vertx.mutiny.pgclient.PgPool database;

    @BeforeAll
    static void startTestHost() {
        TestHost.start();
    }

    @Test
    void registeringAndTrustingAHostTellMonitoringHowToReachItAndNothingSecret() {
        UUID id = HostResourceTest.trustedHost("SHARED", 2);
        ConsumerRecord<String, String> registered = KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.HOST_REGISTERED, id), PATIENCE).orElseThrow();
        assertEquals(id.toString(), registered.key(), "keyed by the host");
        assertTrue(registered.value().contains("\"address\":\"" + TestHost.ADDRESS + "\""), registered.value());
        assertFalse(registered.value().contains("PRIVATE KEY"), registered.value());
        ConsumerRecord<String, String> changed = KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.HOST_CHANGED, id), PATIENCE).orElseThrow();
        assertTrue(changed.value().contains("\"hostKeyFingerprint\":\"" + TestHost.fingerprint() + "\""),
                changed.value());
    }

    @Test
    void theGrantedKeyRunsOnlyTheProbeAndForwardsOnlyToGatewayPorts() throws Exception {
        UUID id = HostResourceTest.trustedHost("SHARED", 2);
        // the new record has no gateway of its own, but the account (address and login user) it shares with the test
        // host's other records has theirs: one authorized_keys, one line permitting every one of them
        java.util.List<Integer> account = database.preparedQuery("select distinct g.port from gateway g join host h"
                + " on h.id = g.host_id where h.address = $1 and h.login_user = $2 and g.state <> 'TERMINATED'"
                + " order by 1").execute(io.vertx.mutiny.sqlclient.Tuple.of(TestHost.ADDRESS, TestHost.USER))
                .await().indefinitely().stream().map(row -> row.getInteger(0)).toList();
        java.util.List<Integer> granted = given().auth().oauth2(Tokens.engineer())
                .post("/hosts/{id}/monitoring-access", id).then().statusCode(200)
                .body("output", containsString("monitoring access granted: restrict"))
                .extract().jsonPath().getList("ports", Integer.class);
        assertEquals(account, granted);
        try (SSHClient ssh = new SSHClient()) {
            ssh.addHostKeyVerifier(TestHost.fingerprint());
            ssh.connect(TestHost.ADDRESS, TestHost.PORT);
            ssh.authPublickey(TestHost.USER, ssh.loadKeys(MonitoringKey.privateKey().toString()));
            // the probe installed is the one service-kit ships (its version moves with it)
            String shipped = io.lobsterops.kit.probe.MonitoringAccess.probeScript().lines()
                    .filter(line -> line.startsWith("PROBE_VERSION=")).findFirst().orElseThrow().substring(14);
            assertEquals("{\"ok\":true,\"probe\":" + shipped + "}", exec(ssh, "ping").strip());
            String other = exec(ssh, "cat ~/.ssh/authorized_keys");
            assertTrue(other.contains("not a probe verb"), other);
            assertFalse(other.contains("ssh-ed25519"), other);
            OpenFailException refused = assertThrows(OpenFailException.class,
                    () -> ssh.newDirectConnection("127.0.0.1", TestHost.PORT).close());
            assertEquals(OpenFailException.Reason.ADMINISTRATIVELY_PROHIBITED, refused.getReason());
        }
        // granting again replaces the line instead of adding one
        given().auth().oauth2(Tokens.engineer()).post("/hosts/{id}/monitoring-access", id).then().statusCode(200);
        String keys = io.lobsterops.testkit.Processes.run(java.util.List.of("grep", "-c", " lobsterops-monitoring$",
                "/home/" + TestHost.USER + "/.ssh/authorized_keys"));
        assertEquals("1", keys.strip());
    }

    @Test
    void grantingAnswersProblems() {
        assertProblem(given().post("/hosts/{id}/monitoring-access", UUID.randomUUID()).then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.client("acme")).post("/hosts/{id}/monitoring-access",
                UUID.randomUUID()).then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.engineer()).post("/hosts/{id}/monitoring-access",
                UUID.randomUUID()).then(), 404, "not-found");
    }

    static String exec(SSHClient ssh, String command) throws IOException {
        try (Session session = ssh.startSession(); Session.Command cmd = session.exec(command)) {
            String out = new String(cmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            cmd.join(10, TimeUnit.SECONDS);
            return out;
        }
    }
}
