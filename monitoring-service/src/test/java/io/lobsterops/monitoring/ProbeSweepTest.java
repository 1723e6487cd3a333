package io.lobsterops.monitoring;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.GatewayInstalled;
import io.lobsterops.events.HostRegistered;
import io.lobsterops.kit.probe.MonitoringAccess;
import io.lobsterops.monitoring.support.MonitoringIdentity;
import io.lobsterops.monitoring.support.ReadyzResponder;
import io.lobsterops.testkit.Loopback;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Processes;
import io.lobsterops.testkit.TestHost;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.ValidatableResponse;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * The health sweep against the real sshd test host (dev/testhost.sh): monitoring's own key, restricted the way
 * provisioning installs it, forwarding to loopback ports where small /readyz responders stand in for gateways.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(MonitoringIdentity.class)
class ProbeSweepTest {

    static final String INSTALL_DIR = ".lobsterops-monitoring-test";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    static ReadyzResponder ready;
    static ReadyzResponder starting;
    static int closedPort;
    /** Accepts connections (the kernel does) and never answers: a hung gateway. */
    static ServerSocket hung;

    @BeforeAll
    static void gatewaysAndAccess() throws IOException {
        ready = new ReadyzResponder(true);
        starting = new ReadyzResponder(false);
        closedPort = Loopback.freePort();
        hung = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        // what provisioning does on every host it provisions: the probe, and monitoring's restricted line
        Path probe = Files.createTempFile("monitoring-probe", ".sh");
        Files.writeString(probe, MonitoringAccess.probeScript(), StandardCharsets.UTF_8);
        testhost("install-probe", probe.toString(), INSTALL_DIR);
        Files.deleteIfExists(probe);
        testhost("authorize-monitoring", MonitoringAccess.authorizedKeysLine(MonitoringIdentity.publicKey(),
                INSTALL_DIR, List.of(ready.port(), starting.port(), closedPort, hung.getLocalPort())));
    }

    @AfterAll
    static void stopResponders() throws IOException {
        hung.close();
        ready.close();
        starting.close();
    }

    static String testhost(String... args) {
        return TestHost.script(args).strip();
    }

    static String fingerprint() {
        return TestHost.fingerprint();
    }

    static HostRegistered host(String fingerprint) {
        return host(fingerprint, INSTALL_DIR);
    }

    static HostRegistered host(String fingerprint, String installDir) {
        HostRegistered host = new HostRegistered(UUID.randomUUID(), "testhost", "127.0.0.1", TestHost.PORT,
                TestHost.USER, fingerprint, installDir, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        Events.publish(host);
        return host;
    }

    static GatewayInstalled gateway(HostRegistered host, int port) {
        return gateway(host, port, null);
    }

    /** A gateway installed on {@code host} at {@code port} for a new engagement; its profile defaults to the client id. */
    static GatewayInstalled gateway(HostRegistered host, int port, String profile) {
        EngagementOpened opened = MonitoringTest.openedAndAwaited("sweep-" + UUID.randomUUID().toString()
                .substring(0, 8));
        GatewayInstalled installed = new GatewayInstalled(opened.engagementId(), opened.clientId(), UUID.randomUUID(),
                host.hostId(), profile == null ? opened.clientId() : profile, port, "2026.9.6", UUID.randomUUID(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        Events.publish(installed);
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer()).get("/probes").then()
                .body("gatewayId", hasItem(installed.gatewayId().toString())));
        return installed;
    }

    static ValidatableResponse sweep() {
        return given().auth().oauth2(Tokens.engineer()).post("/probes/sweep").then().statusCode(200);
    }

    static ValidatableResponse monitoring(GatewayInstalled gateway) {
        return given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/monitoring", gateway.engagementId())
                .then().statusCode(200);
    }

    @Test
    void theSweepFollowsEachGatewayThroughTheRealSshdWithDamping() {
        HostRegistered host = host(fingerprint());
        GatewayInstalled up = gateway(host, ready.port());
        GatewayInstalled flapping = gateway(host, starting.port());
        GatewayInstalled gone = gateway(host, closedPort);
        GatewayInstalled frozen = gateway(host, hung.getLocalPort());
        // the host's access arrives on its own key; wait until monitoring knows it before sweeping
        await().atMost(PATIENCE).untilAsserted(() -> sweep().body("notReachable", org.hamcrest.Matchers.not(
                hasItem(up.gatewayId().toString()))));
        monitoring(up).body("health", equalTo("UP")).body("gateways[0].lastDetail", equalTo("/readyz 200"));
        sweep();
        sweep();
        monitoring(flapping).body("health", equalTo("DOWN"))
                .body("gateways[0].lastDetail", containsString("503"));
        monitoring(gone).body("health", equalTo("DOWN"))
                .body("gateways[0].lastDetail", containsString("nothing listens on port " + closedPort));
        monitoring(frozen).body("health", equalTo("DOWN"))
                .body("gateways[0].lastDetail", containsString("did not answer within 1000 ms"));

        starting.ready(true);
        sweep();
        monitoring(flapping).body("health", equalTo("DOWN"));
        sweep();
        monitoring(flapping).body("health", equalTo("UP"));
        assertEquals(2, KafkaTestClient.findAll(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.GATEWAY_HEALTH_CHANGED, flapping.engagementId()), 3,
                Duration.ofSeconds(4)).size(), "UNKNOWN→DOWN, DOWN→UP");
        starting.ready(false);
    }

    @Test
    void aPortGrantedWhileTheConnectionIsKeptIsReachedAfterMonitoringLogsInAgain() throws IOException {
        try (ReadyzResponder later = new ReadyzResponder(true)) {
            HostRegistered host = host(fingerprint());
            GatewayInstalled up = gateway(host, ready.port());
            await().atMost(PATIENCE).untilAsserted(() -> {
                sweep();
                monitoring(up).body("health", equalTo("UP"));
            });
            // a gateway installed on the host since: provisioning grants its port, the kept connection predates it
            GatewayInstalled added = gateway(host, later.port());
            sweep();
            monitoring(added).body("gateways[0].lastDetail", containsString("not permitted"));
            testhost("authorize-monitoring", MonitoringAccess.authorizedKeysLine(MonitoringIdentity.publicKey(),
                    INSTALL_DIR, List.of(ready.port(), starting.port(), closedPort, hung.getLocalPort(), later.port())));
            await().atMost(PATIENCE).untilAsserted(() -> {
                sweep();
                monitoring(added).body("health", equalTo("UP"));
            });
        } finally {
            testhost("authorize-monitoring", MonitoringAccess.authorizedKeysLine(MonitoringIdentity.publicKey(),
                    INSTALL_DIR, List.of(ready.port(), starting.port(), closedPort, hung.getLocalPort())));
        }
    }

    @Test
    void aHostPresentingAnotherKeyIsRefusedAndEscalatedAtOnce() {
        HostRegistered host = host("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        GatewayInstalled gateway = gateway(host, ready.port());
        await().atMost(PATIENCE).untilAsserted(() -> {
            sweep();
            monitoring(gateway).body("health", equalTo("HOST_KEY_CHANGED"));
        });
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .queryParam("engagementId", gateway.engagementId()).get("/escalations").then()
                .body("items[0].rule", equalTo("host-key-changed")).body("items[0].priority", equalTo("P0")));
    }

    @Test
    void monitoringsKeyOpensNoShellRunsNoOtherCommandAndForwardsNowhereElse() throws Exception {
        try (SSHClient ssh = new SSHClient()) {
            String pinned = fingerprint();
            ssh.addHostKeyVerifier(pinned);
            ssh.connect("127.0.0.1", TestHost.PORT);
            ssh.authPublickey(TestHost.USER, ssh.loadKeys(MonitoringIdentity.privateKey().toString()));

            String id = exec(ssh, "id; cat /etc/passwd");
            assertTrue(id.contains("not a probe verb"), id);
            assertFalse(id.contains("uid="), id);
            String status = exec(ssh, "status ../../etc");
            assertTrue(status.contains("usage: status PROFILE"), status);
            assertTrue(exec(ssh, "ping").strip().matches("\\{\"ok\":true,\"probe\":\\d+}"));
            for (String escape : List.of("file p ../openclaw.json", "file p /etc/passwd", "file p memory/2026-12-01.md",
                    "file p .ssh/authorized_keys", "ledger p main 2026-12-01", "ledger ../x main 2026-12-01 2026-12-02")) {
                String refused = exec(ssh, escape);
                assertTrue(refused.startsWith("{\"ok\":false"), escape + " → " + refused);
            }
            try (Session session = ssh.startSession()) {
                // asking for a shell runs the forced probe (a ping), never a shell: what is typed is not run
                Session.Shell shell = session.startShell();
                try {
                    shell.getOutputStream().write("id\nexit\n".getBytes(StandardCharsets.UTF_8));
                    shell.getOutputStream().flush();
                } catch (ConnectionException answeredAlready) {
                    // the probe answered and closed the channel before anything was typed (a busy machine's timing)
                }
                String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(out.strip().matches("\\{\"ok\":true,\"probe\":\\d+}"), out);
            }
            OpenFailException refused = assertThrows(OpenFailException.class,
                    () -> ssh.newDirectConnection("127.0.0.1", TestHost.PORT).close());
            assertEquals(OpenFailException.Reason.ADMINISTRATIVELY_PROHIBITED, refused.getReason());
            ssh.newDirectConnection("127.0.0.1", ready.port()).close();
        }
    }

    static String exec(SSHClient ssh, String command) throws IOException {
        try (Session session = ssh.startSession(); Session.Command cmd = session.exec(command)) {
            String out = new String(cmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            cmd.join(10, TimeUnit.SECONDS);
            return out;
        }
    }

    @Test
    void aReleasedFileChangedOrMissingOnTheHostIsAWorkspaceDriftEscalation() throws Exception {
        HostRegistered host = host(fingerprint());
        GatewayInstalled gateway = gateway(host, ready.port());
        // the gateway's workspace on the test host: SOUL.md rewritten by the agent, AGENTS.md gone, memory its own
        Path workspace = Path.of(TestHost.HOME + "/.openclaw-" + gateway.profile() + "/workspace");
        Files.createDirectories(workspace.resolve("memory"));
        Files.writeString(workspace.resolve("SOUL.md"), "I am whatever I want now.\n");
        Files.writeString(workspace.resolve("IDENTITY.md"), "Acme's assistant\n");
        Files.writeString(workspace.resolve("memory/2026-12-01.md"), "notes\n");
        Processes.run(List.of("chown", "-R", TestHost.USER + ":" + TestHost.USER, workspace.getParent().toString()));
        try {
            String commit = "4f1c2a9e0b7d";
            Events.publish(new io.lobsterops.events.ConfigApproved(gateway.engagementId(), gateway.clientId(),
                    UUID.randomUUID(), "acme.git", commit, "release-3", "sophie", Instant.now(), List.of(
                            new io.lobsterops.events.AgentFile("SOUL.md", sha256("I am Acme's careful assistant.\n"),
                                    "I am Acme's careful assistant.\n"),
                            new io.lobsterops.events.AgentFile("IDENTITY.md", sha256("Acme's assistant\n"),
                                    "Acme's assistant\n"),
                            new io.lobsterops.events.AgentFile("AGENTS.md", sha256("rules\n"), "rules\n"),
                            new io.lobsterops.events.AgentFile("openclaw/cron/daily-cycle.json", sha256("{}"), "{}"))));
            Events.publish(new io.lobsterops.events.AgentDeployed(gateway.engagementId(), gateway.clientId(),
                    gateway.gatewayId(), commit, "release-3", "provisioning-service", Instant.now()));
            await().atMost(PATIENCE).untilAsserted(() -> {
                given().auth().oauth2(Tokens.engineer()).post("/probes/status").then().statusCode(200);
                given().auth().oauth2(Tokens.engineer()).queryParam("engagementId", gateway.engagementId())
                        .get("/escalations").then()
                        .body("items[0].rule", equalTo("workspace-drift"))
                        .body("items[0].priority", equalTo("P1"))
                        .body("items[0].handoff.context", containsString("changed: SOUL.md"))
                        .body("items[0].handoff.context", containsString("missing: AGENTS.md"))
                        .body("items[0].handoff.context", org.hamcrest.Matchers.not(containsString("IDENTITY.md")))
                        .body("items[0].handoff.context", org.hamcrest.Matchers.not(containsString("memory/")))
                        .body("items[0].handoff.tried", containsString("left as they are"))
                        // the diff against the release, read through the probe's file verb
                        .body("items[0].evidence", containsString("--- release-3/SOUL.md\n+++ host/SOUL.md\n"))
                        .body("items[0].evidence", containsString("-I am Acme's careful assistant.\n"
                                + "+I am whatever I want now.\n"))
                        .body("items[0].evidence", containsString("--- release-3/AGENTS.md\n+++ host/AGENTS.md\n"
                                + "@@ -1,1 +0,0 @@\n-rules\n"))
                        .body("items[0].evidence", org.hamcrest.Matchers.not(containsString("IDENTITY.md")));
            });
        } finally {
            Processes.run(List.of("rm", "-rf", workspace.getParent().toString()));
        }
    }

    static String sha256(String content) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sweepingNeedsAnEngineerOrSupervisor() {
        assertProblem(given().post("/probes/sweep").then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.client("acme")).post("/probes/sweep").then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.service()).post("/probes/sweep").then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.client("acme")).post("/probes/status").then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.client("acme")).post("/probes/usage").then(), 403, "forbidden");
    }
}
