package io.lobsterops.provisioning;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.lobsterops.events.ConfigApproved;
import io.lobsterops.events.EventTypes;
import io.lobsterops.provisioning.support.FakeModelServer;
import io.lobsterops.provisioning.support.SseRecorder;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.TcpForwarder;
import io.lobsterops.testkit.TestHost;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Upgrades with two real OpenClaw versions from npm (runbook §4), in fleet waves (ADR 0058): two gateways installed
 * with 2026.9.5 (this class pins it), the first the canary. In the first wave the canary fails its upgrade to 2026.9.6
 * on a check — its workspace no longer equals the release — and is switched back to 2026.9.5 with its state restored,
 * and answers again; the wave halts and the second gateway is never touched. Its workspace repaired, the second wave
 * keeps the canary's upgrade (the agent answers from the new version), then the second gateway's. Its own install
 * directory keeps it clear of other classes.
 */
@QuarkusTest
@TestProfile(UpgradeTest.PinnedToTheOlderVersion.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UpgradeTest {

    static final String OLD = "2026.9.5";
    static final String NEW = "2026.9.6";
    static final String INSTALL_DIR = ".lobsterops-upgrade-test";
    static final String HOME = "/home/" + TestHost.USER;
    /** The release's gold set: the loopback model greets, so the upgraded agent passes it. */
    static final String GOLD_SET = """
            threshold: 0.8
            cases:
              - id: greets
                prompt: Say hello to the client.
                mustMention: ["Hello"]
            """;

    public static class PinnedToTheOlderVersion implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lobsterops.provisioning.openclaw.version", OLD,
                    "lobsterops.provisioning.openclaw.onboard-timeout", "600s",
                    "lobsterops.provisioning.openclaw.ready-timeout", "400s");
        }
    }

    @TestHTTPResource("/")
    URI base;

    FakeModelServer model;
    TcpForwarder forwarder;
    final String apiKey = "sk-test-" + UUID.randomUUID().toString().replace("-", "");

    String profile;
    String secondProfile;

    /** The gateways stop with the class: their supervisor and gateway processes, by their PID files. */
    @AfterAll
    void tearDown() throws Exception {
        for (String stopped : new String[] { profile, secondProfile }) {
            if (stopped == null) {
                continue;
            }
            Path dir = Path.of(HOME + "/" + INSTALL_DIR + "/gateways/" + stopped);
            Files.writeString(dir.resolve("stopped"), "");
            for (String pidFile : List.of("supervisor.pid", "gateway.pid")) {
                if (Files.exists(dir.resolve(pidFile))) {
                    ProcessHandle.of(Long.parseLong(Files.readString(dir.resolve(pidFile)).strip()))
                            .ifPresent(ProcessHandle::destroy);
                }
            }
        }
        if (forwarder != null) {
            forwarder.close();
            model.close();
        }
    }

    @Test
    void aFailingCheckRollsBackToTheOldVersionAndAPassingUpgradeIsKept() throws Exception {
        TestHost.start();
        model = FakeModelServer.start();
        forwarder = new TcpForwarder(TestHost.PORT);
        Response registered = given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("name", "upgrade test host", "address", TestHost.ADDRESS, "sshPort", forwarder.port(),
                        "loginUser", TestHost.USER, "kind", "SHARED", "capacity", 2, "region", "local",
                        "installDir", INSTALL_DIR, "hostKeyFingerprint", TestHost.fingerprint()))
                .post("/hosts");
        UUID hostId = UUID.fromString(registered.then().statusCode(201).extract().path("id"));
        TestHost.authorize(registered.path("publicKey"));
        UUID engagement = GatewayProvisioningTest.provisioningEngagement();
        String clientId = given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", engagement).then()
                .extract().path("clientId");
        Response placed = given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("hostId", hostId, "model", Map.of("providerId", "fakellm", "baseUrl", model.baseUrl(),
                        "modelId", FakeModelServer.MODEL, "apiKey", apiKey)))
                .post("/engagements/{id}/gateways", engagement);
        UUID runId = UUID.fromString(placed.then().statusCode(201).extract().path("id"));
        UUID gatewayId = UUID.fromString(placed.path("gatewayId"));
        GatewayProvisioningTest.awaitRun(runId, "SUCCEEDED", GatewayProvisioningTest.INSTALL);
        JsonPath gateway = given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", gatewayId).then()
                .statusCode(200).body("openclawVersion", equalTo(OLD)).extract().jsonPath();
        profile = gateway.getString("profile");
        int port = gateway.getInt("port");

        String soul = "# Soul\n\nYou are the upgraded agent " + UUID.randomUUID() + ".\n";
        String commit = "5555555555555555555555555555555555555555";
        Events.publish(new ConfigApproved(engagement, clientId, UUID.randomUUID(), "file:///repos/" + clientId
                + ".git", commit, "release-5", "samuel", Instant.now().truncatedTo(ChronoUnit.MILLIS),
                List.of(GatewayProvisioningTest.file("SOUL.md", soul),
                        GatewayProvisioningTest.file(io.lobsterops.provisioning.fleet.openclaw.WorkspaceFiles.GOLD_SET,
                                GOLD_SET))));
        GatewayProvisioningTest.awaitDeployment(gatewayId, commit, "DEPLOYED");

        // who may upgrade, and what is refused before anything runs
        Map<String, String> to = Map.of("openclawVersion", NEW);
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(to)
                .post("/gateways/{id}/upgrades", gatewayId).then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.client(clientId)).contentType(ContentType.JSON).body(to)
                .post("/gateways/{id}/upgrades", gatewayId).then(), 404, "not-found");
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("openclawVersion", "latest; rm -rf ~")).post("/gateways/{id}/upgrades", gatewayId)
                .then().statusCode(400);
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("openclawVersion", OLD)).post("/gateways/{id}/upgrades", gatewayId).then(), 409,
                "already-on-version");
        // the fleet form: supervisor only, the whole wave checked before anything runs, nothing stored when refused
        int wavesBefore = given().auth().oauth2(Tokens.engineer()).get("/upgrade-waves").then().statusCode(200)
                .extract().path("size()");
        assertProblem(wave(Tokens.engineer(), NEW, gatewayId), 403, "forbidden");
        assertProblem(wave(Tokens.client(clientId), NEW, gatewayId), 404, "not-found");
        assertProblem(wave(Tokens.supervisor(), NEW, gatewayId, gatewayId), 400, "bad-request");
        assertProblem(wave(Tokens.supervisor(), NEW, gatewayId, UUID.randomUUID()), 404, "not-found");
        assertProblem(wave(Tokens.supervisor(), OLD, gatewayId), 409, "already-on-version");
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("openclawVersion", NEW, "wave", List.of())).post("/upgrades").then().statusCode(400);
        given().auth().oauth2(Tokens.engineer()).get("/upgrade-waves").then().statusCode(200).body("size()",
                equalTo(wavesBefore));
        given().auth().oauth2(Tokens.client(clientId)).get("/upgrade-waves").then().statusCode(404);

        // a second gateway on the same host, for another engagement: the wave's second member, no release yet
        UUID secondEngagement = GatewayProvisioningTest.provisioningEngagement();
        Response secondPlaced = given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("hostId", hostId, "model", Map.of("providerId", "fakellm", "baseUrl", model.baseUrl(),
                        "modelId", FakeModelServer.MODEL, "apiKey", apiKey)))
                .post("/engagements/{id}/gateways", secondEngagement);
        UUID second = UUID.fromString(secondPlaced.then().statusCode(201).extract().path("gatewayId"));
        GatewayProvisioningTest.awaitRun(UUID.fromString(secondPlaced.path("id")), "SUCCEEDED",
                GatewayProvisioningTest.INSTALL);
        secondProfile = given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", second).then().extract()
                .path("profile");

        // 1. the canary's workspace drifted from the release: its upgrade's workspace check fails after the switch,
        // it is rolled back, and the wave halts before the second gateway
        Path soulOnHost = Path.of(HOME + "/.openclaw-" + profile + "/workspace/SOUL.md");
        Files.writeString(soulOnHost, soul + "\nEdited on the host by hand.\n");
        JsonPath firstWave = wave(Tokens.supervisor(), NEW, gatewayId, second).statusCode(202)
                .body("status", equalTo("RUNNING")).body("members.status", equalTo(List.of("UPGRADING", "WAITING")))
                .extract().jsonPath();
        UUID failing = UUID.fromString(firstWave.getString("members[0].upgradeId"));
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON).body(to)
                .post("/gateways/{id}/upgrades", gatewayId).then(), 409, "upgrade-running");
        assertProblem(wave(Tokens.supervisor(), NEW, second), 409, "gateway-in-wave");
        JsonPath rolledBack = awaitUpgrade(failing, "ROLLED_BACK");
        JsonPath halted = awaitWave(firstWave.getString("id"), "HALTED");
        assertEquals(List.of("ROLLED_BACK", "NOT_UPGRADED"), halted.getList("members.status"), halted.prettify());
        assertTrue(halted.getString("haltedReason").contains("check-workspace")
                && halted.getString("haltedReason").contains("1 gateway(s) left on their version"), halted.prettify());
        given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", second).then()
                .body("openclawVersion", equalTo(OLD));
        given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}/upgrades", second).then().body("size()",
                equalTo(0));
        System.out.printf("[timing] failing upgrade %s -> %s rolled back: %s .. %s%n", OLD, NEW,
                rolledBack.getString("createdAt"), rolledBack.getString("finishedAt"));
        assertEquals("check-workspace", rolledBack.getString("failedStep"), rolledBack.prettify());
        assertTrue(rolledBack.getString("failureReason").contains("SOUL.md"), rolledBack.getString("failureReason"));
        List<String> statuses = new java.util.ArrayList<>(rolledBack.getList("steps.status"));
        // the new version is installed beside the old one now, or was by an earlier run on this host (kept there)
        assertTrue(List.of("DONE", "SKIPPED").contains(statuses.get(1)), rolledBack.prettify());
        statuses.set(1, "DONE");
        assertEquals(List.of("DONE", "DONE", "DONE", "DONE", "FAILED", "SKIPPED", "SKIPPED", "SKIPPED", "SKIPPED",
                "SKIPPED", "DONE"), statuses, rolledBack.prettify());
        assertTrue(rolledBack.getString("steps[2].output").contains("\"valid\":true"), rolledBack.prettify());
        assertTrue(rolledBack.getString("steps[10].output").contains("back on openclaw " + OLD), rolledBack.prettify());
        assertTrue(Files.exists(Path.of(rolledBack.getString("snapshotPath"))), rolledBack.getString("snapshotPath"));
        given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", gatewayId).then()
                .body("openclawVersion", equalTo(OLD)).body("state", equalTo("RUNNING"));
        assertTrue(supervisorScript(profile).contains("/openclaw/" + OLD + "/bin"), supervisorScript(profile));
        assertEquals(200, GatewayProvisioningTest.readyz(port));
        assertAnswers(profile, OLD);
        ConsumerRecord<String, String> back = KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.AGENT_UPGRADE_ROLLED_BACK, engagement), Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("agent.upgrade-rolled-back was not published"));
        assertTrue(back.value().contains("\"failedStep\":\"check-workspace\"") && back.value().contains(
                "\"fromVersion\":\"" + OLD + "\""), back.value());
        assertFalse(back.value().contains(apiKey), back.value());

        // 2. the workspace equals the release again: the canary's upgrade is kept, followed live, then the second's
        Files.writeString(soulOnHost, soul);
        JsonPath secondWave = wave(Tokens.supervisor(), NEW, gatewayId, second).statusCode(202).extract().jsonPath();
        UUID kept = UUID.fromString(secondWave.getString("members[0].upgradeId"));
        SseRecorder sse = SseRecorder.open(base.resolve("upgrades/" + kept + "/events").toString(),
                Tokens.engineer());
        JsonPath done = awaitUpgrade(kept, "UPGRADED");
        System.out.printf("[timing] upgrade %s -> %s kept: %s .. %s%n", OLD, NEW, done.getString("createdAt"),
                done.getString("finishedAt"));
        assertEquals(List.of("DONE", "SKIPPED", "DONE", "DONE", "DONE", "DONE", "DONE", "DONE"),
                done.getList("steps.status").subList(0, 8), done.prettify());
        assertTrue(done.getString("steps[1].output").contains("already installed"), done.getString("steps[1].output"));
        assertEquals("DONE", done.getString("steps[8].status"), done.prettify());   // the gold set, on the new version
        assertTrue(done.getString("steps[8].output").contains("score 1.0"), done.getString("steps[8].output"));
        assertEquals("SKIPPED", done.getString("steps[10].status"));
        given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", gatewayId).then()
                .body("openclawVersion", equalTo(NEW)).body("state", equalTo("RUNNING"));
        assertTrue(supervisorScript(profile).contains("/openclaw/" + NEW + "/bin"), supervisorScript(profile));
        assertTrue(Files.isDirectory(Path.of(HOME + "/" + INSTALL_DIR + "/openclaw/" + OLD)), "the old version stays");
        assertEquals(200, GatewayProvisioningTest.readyz(port));
        assertAnswers(profile, NEW);
        ConsumerRecord<String, String> upgraded = KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.AGENT_UPGRADED, engagement), Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("agent.upgraded was not published"));
        assertTrue(upgraded.value().contains("\"toVersion\":\"" + NEW + "\"") && upgraded.value().contains(
                "\"goldSetScore\":1.0"), upgraded.value());
        await().atMost(Duration.ofSeconds(30)).until(sse::completed);
        List<String> events = sse.events();
        assertTrue(events.size() >= 3, "expected live progress, got " + events);
        assertTrue(events.get(events.size() - 1).contains("\"status\":\"UPGRADED\""), events.toString());
        given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}/upgrades", gatewayId).then().statusCode(200)
                .body("status", equalTo(List.of("UPGRADED", "ROLLED_BACK")));
        JsonPath completed = awaitWave(secondWave.getString("id"), "COMPLETED");
        assertEquals(List.of("UPGRADED", "UPGRADED"), completed.getList("members.status"), completed.prettify());
        JsonPath secondUpgrade = awaitUpgrade(UUID.fromString(completed.getString("members[1].upgradeId")),
                "UPGRADED");
        assertEquals("SKIPPED", secondUpgrade.getString("steps[8].status"), secondUpgrade.prettify());  // no release
        given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", second).then()
                .body("openclawVersion", equalTo(NEW)).body("state", equalTo("RUNNING"));
        given().auth().oauth2(Tokens.engineer()).get("/upgrade-waves?limit=2").then().statusCode(200)
                .body("id", equalTo(List.of(secondWave.getString("id"), firstWave.getString("id"))))
                .body("status", equalTo(List.of("COMPLETED", "HALTED")));
    }

    static io.restassured.response.ValidatableResponse wave(String token, String version, UUID... gateways) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("openclawVersion", version, "wave", List.of(gateways))).post("/upgrades").then();
    }

    static JsonPath awaitWave(String id, String status) {
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            String now = given().auth().oauth2(Tokens.engineer()).get("/upgrade-waves/{id}", id).path("status");
            if (!status.equals(now) && !"RUNNING".equals(now)) {
                throw new AssertionError("wave " + id + " ended " + now + ": " + given().auth()
                        .oauth2(Tokens.engineer()).get("/upgrade-waves/{id}", id).asPrettyString());
            }
            return status.equals(now);
        });
        return given().auth().oauth2(Tokens.engineer()).get("/upgrade-waves/{id}", id).then().extract().jsonPath();
    }

    static JsonPath awaitUpgrade(UUID id, String status) {
        await().atMost(Duration.ofMinutes(12)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            String now = given().auth().oauth2(Tokens.engineer()).get("/upgrades/{id}", id).path("status");
            if (!status.equals(now) && List.of("UPGRADED", "ROLLED_BACK", "FAILED").contains(now)) {
                throw new AssertionError("upgrade " + id + " ended " + now + ": " + given().auth()
                        .oauth2(Tokens.engineer()).get("/upgrades/{id}", id).asPrettyString());
            }
            return status.equals(now);
        });
        return given().auth().oauth2(Tokens.engineer()).get("/upgrades/{id}", id).then().extract().jsonPath();
    }

    static String supervisorScript(String profile) throws Exception {
        return Files.readString(Path.of(HOME + "/" + INSTALL_DIR + "/gateways/" + profile + "/gateway-supervisor.sh"));
    }

    /** One agent turn through the given version's CLI, as an operator on the host would run it. */
    void assertAnswers(String profile, String version) {
        String path = HOME + "/" + INSTALL_DIR + "/node/node_modules/.bin:" + HOME + "/" + INSTALL_DIR + "/openclaw/"
                + version + "/bin:/usr/bin:/bin";
        String versionLine = io.lobsterops.testkit.Processes.run(List.of("runuser", "-u", TestHost.USER, "--", "env",
                "-i", "HOME=" + HOME, "NO_COLOR=1", "PATH=" + path, "openclaw", "--version"));
        assertTrue(versionLine.contains(version), versionLine);
        String answer = io.lobsterops.testkit.Processes.run(List.of("runuser", "-u", TestHost.USER, "--", "env", "-i",
                "HOME=" + HOME, "NO_COLOR=1", "PATH=" + path, "openclaw", "--profile", profile, "agent", "--agent",
                "main", "--message", "Say hello", "--json"));
        JsonPath reply = new JsonPath(answer.substring(answer.indexOf('{')));
        assertEquals("ok", reply.getString("status"), answer);
        assertTrue(answer.contains(FakeModelServer.ANSWER), answer);
    }
}
