package io.lobsterops.provisioning;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.lobsterops.events.AgentFile;
import io.lobsterops.events.ConfigApproved;
import io.lobsterops.events.EventTypes;
import io.lobsterops.provisioning.fleet.openclaw.WorkspaceFiles;
import io.lobsterops.provisioning.fleet.secrets.SecretBox;
import io.lobsterops.provisioning.support.FakeModelServer;
import io.lobsterops.provisioning.support.FakeTelegramBotApi;
import io.lobsterops.provisioning.support.HostOpenClaw;
import io.lobsterops.provisioning.support.ProcessListWatch;
import io.lobsterops.provisioning.support.SseRecorder;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.TcpForwarder;
import io.lobsterops.testkit.TestHost;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The real thing, end to end: the service installs Node 24 and the pinned openclaw over SSH on the local test host
 * (dev/testhost.sh), onboards a gateway against a loopback fake model, starts and verifies it. One gateway install is
 * shared by the tests that need one; a second gateway on the same shared host covers the unreachable host and the
 * separate profile/port.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(FakeTelegramBotApi.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayProvisioningTest {

    static final Duration INSTALL = Duration.ofMinutes(8);

    @Inject
    PgPool database;

    @Inject
    SecretBox secrets;

    @TestHTTPResource("/")
    URI base;

    FakeModelServer model;
    TcpForwarder forwarder;
    UUID hostId;
    UUID firstGateway;
    UUID firstRun;
    UUID firstEngagement;
    int firstPort;
    UUID secondGateway;
    UUID secondEngagement;
    int secondPort;
    final String apiKey = "sk-test-" + UUID.randomUUID().toString().replace("-", "");

    boolean ready;

    /** Once per class, but after Quarkus has set up REST Assured (not yet done in @BeforeAll). */
    @BeforeEach
    void setUp() {
        if (ready) {
            return;
        }
        ready = true;
        TestHost.start();
        // a run that a killed test JVM left behind must not be resumed against the host this class resets
        database.query("update provisioning_run set status = 'FAILED', failure_reason = 'abandoned by an earlier"
                + " test run' where status in ('PENDING', 'RUNNING', 'INTERRUPTED') and (lease_until is null or"
                + " lease_until < now())").execute().await().indefinitely();
        TestHost.reset();
        model = FakeModelServer.start();
        forwarder = new TcpForwarder(TestHost.PORT);
        // the README's flow: the host is registered with its expected host key, then its gateway placed
        Response registered = given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("name", "shared test host", "address", TestHost.ADDRESS, "sshPort", forwarder.port(),
                        "loginUser", TestHost.USER, "kind", "SHARED", "capacity", 2, "region", "local",
                        "hostKeyFingerprint", TestHost.fingerprint()))
                .post("/hosts");
        registered.then().statusCode(201).body("status", equalTo("TRUSTED"));
        hostId = UUID.fromString(registered.path("id"));
        TestHost.authorize(registered.path("publicKey"));
    }

    @AfterAll
    void tearDown() {
        TestHost.reset();
        if (forwarder != null) {
            forwarder.close();
            model.close();
        }
    }

    /** An engagement of a new client, SIGNED, its deposit waived by a supervisor: placing its gateway moves it on. */
    static UUID provisioningEngagement() {
        String clientId = "gw-" + UUID.randomUUID().toString().substring(0, 8);
        UUID id = EngagementResourceTest.open(Tokens.engineer(), clientId, "Gateway Client " + clientId);
        for (String stage : List.of("DISCOVERY", "PROPOSAL", "SIGNED")) {
            EngagementResourceTest.move(id, stage);
        }
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("reason", "test: billing is not part of this test")).post("/engagements/{id}/deposit-waiver", id)
                .then().statusCode(200);
        return id;
    }

    Response place(UUID engagementId, UUID host) {
        return place(engagementId, host, Map.of());
    }

    Response place(UUID engagementId, UUID host, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("hostId", host, "model", Map.of("providerId",
                "fakellm", "baseUrl", model.baseUrl(), "modelId", FakeModelServer.MODEL, "apiKey", apiKey,
                "price", Map.of("inputPerMillionUsd", 3, "outputPerMillionUsd", 15, "cacheReadPerMillionUsd", 0.3))));
        body.putAll(extra);
        return given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(body)
                .post("/engagements/{id}/gateways", engagementId);
    }

    static JsonPath run(UUID runId) {
        return given().auth().oauth2(Tokens.engineer()).get("/provisioning-runs/{id}", runId).then().statusCode(200)
                .extract().jsonPath();
    }

    static JsonPath awaitRun(UUID runId, String status, Duration within) {
        await().atMost(within).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String now = run(runId).getString("status");
            if (!status.equals(now) && ("FAILED".equals(now) || "SUCCEEDED".equals(now))) {
                throw new AssertionError("run " + runId + " ended " + now + ": " + run(runId).prettify());
            }
            return status.equals(now);
        });
        return run(runId);
    }

    static int readyz(int port) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/readyz")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    @Order(1)
    void aFailingStepFailsTheRunAndPublishesProvisioningFailed() {
        Response registered = given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("name", "host with an unwritable install dir", "address", TestHost.ADDRESS,
                        "sshPort", TestHost.PORT, "loginUser", TestHost.USER, "kind", "DEDICATED", "capacity", 1,
                        "installDir", "/opt/lobsterops/cannot-write-here"))
                .post("/hosts");
        UUID host = UUID.fromString(registered.then().statusCode(201).extract().path("id"));
        TestHost.authorize(registered.path("publicKey"));
        given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body("{}")
                .post("/hosts/{id}/trust", host).then().statusCode(200);
        UUID engagement = provisioningEngagement();
        UUID runId = UUID.fromString(place(engagement, host).then().statusCode(201).extract().path("id"));

        JsonPath failed = awaitRun(runId, "FAILED", Duration.ofMinutes(2));
        assertEquals("install-node", failed.getString("failedStep"));
        assertEquals("DONE", failed.getString("steps[0].status"));
        assertEquals("FAILED", failed.getString("steps[1].status"));
        assertTrue(failed.getInt("steps[1].exitStatus") != 0);
        // the step's own output says why: the install directory's parent cannot be created by the login user
        assertTrue(failed.getString("steps[1].output").contains("cannot create directory '/opt/lobsterops"),
                failed.getString("steps[1].output"));
        assertEquals("PENDING", failed.getString("steps[2].status"));

        ConsumerRecord<String, String> event = KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.PROVISIONING_FAILED, engagement), Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("provisioning.failed was not published"));
        assertTrue(event.value().contains("\"step\":\"install-node\""), event.value());
        assertTrue(event.value().contains(runId.toString()), event.value());
        assertFalse(event.value().contains(apiKey), "the model API key leaked into an event");
        given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", UUID.fromString(failed.getString("gatewayId")))
                .then().statusCode(200).body("state", equalTo("FAILED"));

        // the host now presents another key than the pinned one: resuming the run is refused at connect
        database.preparedQuery("update host set host_key_fingerprint = $1 where id = $2")
                .execute(Tuple.of("SHA256:" + "C".repeat(43), host)).await().indefinitely();
        given().auth().oauth2(Tokens.engineer()).post("/provisioning-runs/{id}/resume", runId).then().statusCode(200);
        JsonPath refused = awaitRun(runId, "FAILED", Duration.ofMinutes(1));
        assertTrue(refused.getString("failureReason").contains("presented host key " + TestHost.fingerprint()),
                refused.getString("failureReason"));
        given().auth().oauth2(Tokens.engineer()).get("/hosts/{id}", host).then()
                .body("status", equalTo("HOST_KEY_CHANGED"));
        // one incident about the host (keyed by it, no engagement), a P0: a security matter for every gateway there
        ConsumerRecord<String, String> incident = KafkaTestClient.find(KafkaTestClient.TOPIC, record -> KafkaTestClient
                .event(EventTypes.INCIDENT_OPENED, host).test(record) && record.value().contains("host-key-changed"),
                Duration.ofSeconds(20)).orElseThrow(() -> new AssertionError("no incident.opened for the changed host key"));
        assertTrue(incident.value().contains("\"priority\":\"P0\""), incident.value());
        assertProblem(place(provisioningEngagement(), host).then(), 409, "host-key-changed");
    }

    @Test
    @Order(2)
    void aGatewayIsInstalledOnboardedStartedAndVerifiedOverSsh() throws Exception {
        firstEngagement = provisioningEngagement();
        ProcessListWatch watch = ProcessListWatch.of(apiKey);

        long started = System.nanoTime();
        Response placed = place(firstEngagement, hostId);
        placed.then().statusCode(201).header("Location", containsString("/provisioning-runs/"))
                .body("status", equalTo("PENDING")).body("steps.size()", equalTo(7))
                .body("steps[0].name", equalTo("connect-and-gather-facts"));
        firstRun = UUID.fromString(placed.path("id"));
        firstGateway = UUID.fromString(placed.path("gatewayId"));
        String sealed = database.preparedQuery("select token_sealed from gateway where id = $1")
                .execute(Tuple.of(firstGateway)).await().indefinitely().iterator().next().getString(0);
        String gatewayToken = secrets.open("gateway/" + firstGateway + "/token", sealed);
        watch.watch(gatewayToken);
        SseRecorder sse = SseRecorder.open(base.resolve("provisioning-runs/" + firstRun + "/events").toString(),
                Tokens.engineer());

        JsonPath done = awaitRun(firstRun, "SUCCEEDED", INSTALL);
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        Set<String> leaks = watch.leaks();
        System.out.printf("[timing] gateway provisioned, run start -> ready: %d s; steps: %s%n", seconds,
                done.getList("steps.collect { it.name + ' ' + it.status + ' ' + it.startedAt + '..' + it.finishedAt }"));

        assertEquals(List.of("DONE", "DONE", "DONE", "DONE", "SKIPPED", "DONE", "DONE"), done.getList("steps.status"));
        assertTrue(done.getString("steps[1].output").contains("v24."), done.getString("steps[1].output"));
        assertTrue(done.getString("steps[2].output").contains("OpenClaw 2026.9.6"), done.getString("steps[2].output"));
        // the test host has no lingering systemd user manager: the gateway runs under the supervisor, and says so
        assertTrue(done.getString("steps[5].output").contains("supervised gateway run"), done.getString("steps[5].output"));
        assertTrue(done.getString("steps[6].output").contains("readyz: 200 {\"ready\":true"),
                done.getString("steps[6].output"));
        assertTrue(leaks.isEmpty(), "secrets appeared in the host's process list: " + leaks);
        String runJson = run(firstRun).prettify();
        assertFalse(runJson.contains(apiKey) || runJson.contains(gatewayToken), "a secret leaked into the run log");

        JsonPath gateway = given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", firstGateway).then()
                .statusCode(200).body("state", equalTo("RUNNING")).body("openclawVersion", equalTo("2026.9.6"))
                .extract().jsonPath();
        firstPort = gateway.getInt("port");
        assertEquals(200, readyz(firstPort));
        // the price given at placement prices every turn on the gateway (what monitoring reports and billing re-bills)
        assertEquals(3.0, gateway.getDouble("modelPrice.input"));
        assertEquals(15.0, gateway.getDouble("modelPrice.output"));
        com.fasterxml.jackson.databind.JsonNode cost = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                HostOpenClaw.run(".lobsterops", "--profile", gateway.getString("profile"), "config", "get",
                        "models.providers.fakellm.models", "--json")).get(0).get("cost");
        assertEquals(3.0, cost.get("input").asDouble(), cost.toString());
        assertEquals(15.0, cost.get("output").asDouble(), cost.toString());
        assertEquals(0.3, cost.get("cacheRead").asDouble(), cost.toString());
        assertEquals(0.0, cost.get("cacheWrite").asDouble(), cost.toString());

        ConsumerRecord<String, String> installed = KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.GATEWAY_INSTALLED, firstEngagement), Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("gateway.installed was not published"));
        assertTrue(installed.value().contains(firstGateway.toString()), installed.value());
        assertFalse(installed.value().contains(apiKey) || installed.value().contains(gatewayToken));
        // placing the gateway after the waiver moved SIGNED -> PROVISIONING; gateway.installed ends PROVISIONING
        StagesFollowFactsTest.awaitStage(firstEngagement, "CONFIGURING");
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/history", firstEngagement).then()
                .body("findAll { it.to == 'PROVISIONING' }.reason", equalTo(List.of(
                        "gateway placed after the deposit was waived by sophie")))
                .body("findAll { it.to == 'PROVISIONING' }.changedBy", equalTo(List.of("eric")))
                .body("findAll { it.to == 'CONFIGURING' }.reason", equalTo(List.of(
                        "gateway.installed: Your agent's gateway is installed")))
                .body("findAll { it.to == 'CONFIGURING' }.changedBy", equalTo(List.of(
                        "/lobsterops/provisioning-service")));

        await().atMost(Duration.ofSeconds(20)).until(sse::completed);
        List<String> events = sse.events();
        assertTrue(events.size() >= 3, "expected live progress events, got " + events);
        assertTrue(events.get(events.size() - 1).contains("\"status\":\"SUCCEEDED\""), events.toString());
        assertFalse(String.join("\n", events).contains(apiKey));

        given().auth().oauth2(Tokens.engineer()).get("/hosts/{id}", hostId).then().statusCode(200)
                .body("capacityUsed", equalTo(1)).body("facts.nodeVersion", containsString("v24."));
        // the host's memory, as gathered, is counted: ~1 GB per gateway once 512 MB are kept for the system
        JsonPath host = given().auth().oauth2(Tokens.engineer()).get("/hosts/{id}", hostId).then().extract().jsonPath();
        long memoryMb = host.getLong("facts.memoryMb");
        assertEquals(Math.min(host.getInt("capacity"), (memoryMb - 512) / 1024), host.getLong("capacityEffective"));
    }

    @Test
    @Order(3)
    void rerunningAFinishedRunChangesNothing() throws Exception {
        given().auth().oauth2(Tokens.engineer()).post("/provisioning-runs/{id}/resume", firstRun).then()
                .statusCode(200).body("status", equalTo("SUCCEEDED"));
        Response rerun = given().auth().oauth2(Tokens.engineer()).post("/gateways/{id}/runs", firstGateway);
        UUID again = UUID.fromString(rerun.then().statusCode(201).extract().path("id"));
        JsonPath done = awaitRun(again, "SUCCEEDED", Duration.ofMinutes(2));
        assertEquals(List.of("DONE", "SKIPPED", "SKIPPED", "SKIPPED", "SKIPPED", "DONE", "DONE"),
                done.getList("steps.status"));
        assertTrue(done.getString("steps[5].output").contains("already running"), done.getString("steps[5].output"));
        assertEquals(200, readyz(firstPort));
        assertEquals(1, KafkaTestClient.findAll(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.GATEWAY_INSTALLED, firstEngagement), 2, Duration.ofSeconds(3)).size());
    }

    static String firstProfile(UUID gateway) {
        return given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", gateway).then().statusCode(200)
                .extract().path("profile");
    }

    static AgentFile file(String path, String content) {
        return new AgentFile(path, WorkspaceFiles.sha256(content), content);
    }

    static String publishApproved(UUID engagement, String commit, List<AgentFile> files) {
        String clientId = given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", engagement).then()
                .extract().path("clientId");
        return Events.publish(new ConfigApproved(engagement, clientId, UUID.randomUUID(), "file:///repos/" + clientId
                + ".git", commit, "release-" + commit.substring(0, 7), "samuel",
                Instant.now().truncatedTo(ChronoUnit.MILLIS), files));
    }

    static JsonPath awaitDeployment(UUID gateway, String commit, String status) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            List<Map<String, Object>> list = given().auth().oauth2(Tokens.engineer())
                    .get("/gateways/{id}/deployments", gateway).then().statusCode(200).extract().jsonPath()
                    .getList("findAll { it.commit == '" + commit + "' }");
            return !list.isEmpty() && status.equals(list.get(0).get("status"));
        });
        return given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}/deployments", gateway).then()
                .extract().jsonPath();
    }

    static final String SOUL_MARKER = "You are Lobster Test Agent " + UUID.randomUUID();
    static final String COMMIT_ONE = "1111111111111111111111111111111111111111";

    @Test
    @Order(4)
    void anApprovedConfigIsDeployedAndTheAgentAnswersWithIt() throws Exception {
        publishApproved(firstEngagement, COMMIT_ONE, List.of(
                file("SOUL.md", "# Soul\n\n" + SOUL_MARKER + ". Be brief.\n"),
                file("IDENTITY.md", "# Identity\n\nName: Lobster Test Agent\n"),
                file("AGENTS.md", "# Agents\n\nAnswer the client politely.\n"),
                file("TOOLS.md", "- calendar (read only)\n"),
                file("HEARTBEAT.md", "- check the inbox\n"),
                file(WorkspaceFiles.SCHEDULE, io.lobsterops.provisioning.fleet.openclaw.WorkspaceFilesTest.schedule(
                        "daily-briefing-0730", "30 7 * * *", "Europe/Paris", "Prepare the morning briefing."))));
        JsonPath deployments = awaitDeployment(firstGateway, COMMIT_ONE, "DEPLOYED");
        assertTrue(deployments.getString("[0].output").contains("cron add daily-briefing-0730 -> exit 0"),
                deployments.getString("[0].output"));
        String jobs = HostOpenClaw.run(".lobsterops", "--profile", firstProfile(firstGateway), "cron", "list", "--all",
                "--json");
        assertTrue(jobs.contains("\"lobsterops/daily-briefing-0730\"") && jobs.contains("30 7 * * *")
                && jobs.contains("Prepare the morning briefing."), jobs);
        assertTrue(deployments.getString("[0].output").contains("TOOLS.md is retired"), deployments.getString("[0].output"));
        given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", firstGateway).then()
                .body("deployedCommit", equalTo(COMMIT_ONE)).body("state", equalTo("RUNNING"));
        ConsumerRecord<String, String> deployed = KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.AGENT_DEPLOYED, firstEngagement), Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("agent.deployed was not published"));
        assertTrue(deployed.value().contains(COMMIT_ONE), deployed.value());

        String answer = HostOpenClaw.run(".lobsterops", "--profile", firstProfile(firstGateway), "agent", "--agent",
                "main", "--message", "Say hello", "--json");
        JsonPath reply = new JsonPath(answer.substring(answer.indexOf('{')));
        assertEquals("ok", reply.getString("status"), answer);
        List<String> injected = reply.getList("result.meta.systemPromptReport.injectedWorkspaceFiles.name");
        assertTrue(injected.contains("SOUL.md"), "injected: " + injected);
        assertFalse(injected.contains("BOOTSTRAP.md"), "BOOTSTRAP.md should be gone: " + injected);
        assertTrue(model.requests().stream().anyMatch(body -> body.contains(SOUL_MARKER)),
                "the model never saw the deployed SOUL.md");
        assertTrue(answer.contains(FakeModelServer.ANSWER), answer);
    }

    @Test
    @Order(5)
    void aDeployThatFailsItsChecksIsRolledBackToThePreviousCommit() throws Exception {
        String commitTwo = "2222222222222222222222222222222222222222";
        publishApproved(firstEngagement, commitTwo, List.of(
                file("SOUL.md", "# Soul\n\nA soul that must not stay.\n"),
                file("skills/demo/SKILL.md", "---\nname: demo\n---\nDemo.\n"),
                // a file below a path that is now a file: writing it fails on the host, after SOUL.md was replaced
                file("skills/demo/SKILL.md/extra.md", "cannot be written\n")));
        JsonPath deployments = awaitDeployment(firstGateway, commitTwo, "ROLLED_BACK");
        assertTrue(deployments.getString("[0].reason").contains("rolled back to " + COMMIT_ONE),
                deployments.getString("[0].reason"));
        assertEquals(COMMIT_ONE, deployments.getString("[0].previousCommit"));
        given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", firstGateway).then()
                .body("deployedCommit", equalTo(COMMIT_ONE));
        String soul = java.nio.file.Files.readString(java.nio.file.Path.of("/home/" + TestHost.USER + "/.openclaw-"
                + firstProfile(firstGateway) + "/workspace/SOUL.md"));
        assertTrue(soul.contains(SOUL_MARKER), "SOUL.md was not rolled back: " + soul);
        assertEquals(200, readyz(firstPort));
        KafkaTestClient.find(KafkaTestClient.TOPIC, record -> KafkaTestClient.event(EventTypes.INCIDENT_OPENED,
                firstEngagement).test(record) && record.value().contains("deploy-rolled-back"), Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("no incident for the rolled back deploy"));
    }

    @Test
    @Order(6)
    void aBackupIsCreatedVerifiedAndListed() {
        Response made = given().auth().oauth2(Tokens.engineer()).post("/gateways/{id}/backups", firstGateway);
        made.then().statusCode(201).body("verified", equalTo(true));
        String archive = made.path("archivePath");
        assertTrue(java.nio.file.Files.exists(java.nio.file.Path.of(archive)), archive);
        given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}/backups", firstGateway).then().statusCode(200)
                .body("archivePath", org.hamcrest.Matchers.hasItem(archive));
    }

    @Test
    @Order(7)
    void theKillSwitchStopsTheGatewayAtOnceAndResumeBringsItBack() throws Exception {
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("reason", "not mine to pull")).post("/gateways/{id}/kill", firstGateway).then(), 403,
                "forbidden");
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("reason", "client reported odd answers")).post("/gateways/{id}/kill", firstGateway)
                .then().statusCode(200).body("state", equalTo("SUSPENDED")).body("suspendedBy", equalTo("sophie"))
                .body("suspendedReason", equalTo("client reported odd answers"));
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> readyz(firstPort));
        assertFalse(TestHost.processList().contains("gateways/" + firstProfile(firstGateway) + "/gateway-supervisor"),
                "the supervisor survived the kill switch");
        KafkaTestClient.find(KafkaTestClient.TOPIC, KafkaTestClient.event(EventTypes.AGENT_SUSPENDED,
                firstEngagement), Duration.ofSeconds(20)).orElseThrow(() -> new AssertionError("no agent.suspended"));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", firstEngagement).then()
                .body("stage", equalTo("SUSPENDED"));

        given().auth().oauth2(Tokens.supervisor()).post("/gateways/{id}/resume", firstGateway).then().statusCode(200)
                .body("state", equalTo("RUNNING"));
        assertEquals(200, readyz(firstPort));
        KafkaTestClient.find(KafkaTestClient.TOPIC, KafkaTestClient.event(EventTypes.AGENT_RESUMED,
                firstEngagement), Duration.ofSeconds(20)).orElseThrow(() -> new AssertionError("no agent.resumed"));
        // back exactly where the kill found it: CONFIGURING, since gateway.installed (test 2)
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", firstEngagement).then()
                .body("stage", equalTo("CONFIGURING")).body("suspendedFrom", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/history", firstEngagement).then()
                .body("[-2].from", equalTo("CONFIGURING")).body("[-2].to", equalTo("SUSPENDED"))
                .body("[-1].from", equalTo("SUSPENDED")).body("[-1].to", equalTo("CONFIGURING"));
    }

    @Test
    @Order(8)
    void aSecondGatewayOnTheSharedHostResumesAfterTheHostWasUnreachableAndAnswersOnTelegram() throws Exception {
        FakeTelegramBotApi telegram = FakeTelegramBotApi.instance();
        long clientUser = 4242;
        UUID engagement = provisioningEngagement();
        // its configuration is approved before the gateway exists: it is deployed once the gateway is installed
        String early = "6666666666666666666666666666666666666666";
        String earlySoul = "You are the early agent " + UUID.randomUUID();
        publishApproved(engagement, early, List.of(file("SOUL.md", "# Soul\n\n" + earlySoul + ".\n")));
        ProcessListWatch watch = ProcessListWatch.of(apiKey, FakeTelegramBotApi.BOT_TOKEN);
        Response placed = place(engagement, hostId, Map.of("telegram", Map.of("botToken", FakeTelegramBotApi.BOT_TOKEN,
                "dmPolicy", "allowlist", "allowFrom", List.of(String.valueOf(clientUser)))));
        UUID runId = UUID.fromString(placed.then().statusCode(201).extract().path("id"));
        UUID gatewayId = UUID.fromString(placed.path("gatewayId"));

        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> "DONE".equals(run(runId).getString("steps[0].status")));
        forwarder.cut();
        try {
            JsonPath interrupted = awaitRun(runId, "INTERRUPTED", Duration.ofMinutes(3));
            assertTrue(interrupted.getInt("interruptions") >= 1);
            assertTrue(KafkaTestClient.find(KafkaTestClient.TOPIC,
                    KafkaTestClient.event(EventTypes.PROVISIONING_FAILED, engagement), Duration.ofSeconds(2))
                    .isEmpty(), "an unreachable host is an interruption, not a failure");
        } finally {
            forwarder.restore();   // whatever happened, the later tests need the host back
        }
        JsonPath done = awaitRun(runId, "SUCCEEDED", INSTALL);
        assertEquals("configure-telegram", done.getString("steps[4].name"));
        assertEquals("DONE", done.getString("steps[4].status"));
        assertEquals("DONE", done.getString("steps[6].status"));

        JsonPath deployed = awaitDeployment(gatewayId, early, "DEPLOYED");
        assertEquals(1, deployed.getList("findAll { it.commit == '" + early + "' }").size(), deployed.prettify());

        // the gateway polls the (loopback) Bot API with its token, and a DM from the allowed user reaches the agent
        await().atMost(Duration.ofMinutes(1)).until(() -> telegram.calls().stream()
                .anyMatch(call -> call.authorized() && call.method().equals("getUpdates")));
        assertTrue(telegram.calls().stream().anyMatch(call -> call.authorized() && call.method().equals("getMe")));
        telegram.userWrites(clientUser, "Claire", "Hello, who are you?");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> telegram
                .textsTo(clientUser).stream().anyMatch(text -> text.contains(FakeModelServer.ANSWER)));
        assertTrue(model.requests().stream().anyMatch(body -> body.contains("Hello, who are you?")
                && body.contains(earlySoul)), "the model never saw the Telegram message with the deployed SOUL.md");

        Set<String> leaks = watch.leaks();
        assertTrue(leaks.isEmpty(), "secrets appeared in the host's process list: " + leaks);
        String runJson = run(runId).prettify();
        assertFalse(runJson.contains(FakeTelegramBotApi.BOT_TOKEN), "the bot token leaked into the run log");
        KafkaTestClient.find(KafkaTestClient.TOPIC, record -> record.value().contains(FakeTelegramBotApi.BOT_TOKEN),
                Duration.ofSeconds(2)).ifPresent(record -> {
                    throw new AssertionError("the bot token leaked into an event: " + record.value());
                });

        JsonPath second = given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", gatewayId).then()
                .statusCode(200).body("state", equalTo("RUNNING")).body("telegram", equalTo(true))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("botToken")))
                .extract().jsonPath();
        JsonPath first = given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", firstGateway).then()
                .statusCode(200).extract().jsonPath();
        assertFalse(first.getString("profile").equals(second.getString("profile")));
        assertTrue(Math.abs(first.getInt("port") - second.getInt("port")) >= 120);
        assertEquals(200, readyz(second.getInt("port")));
        assertEquals(200, readyz(firstPort));
        secondGateway = gatewayId;
        secondEngagement = engagement;
        secondPort = second.getInt("port");
        // its configuration was approved while it was SIGNED and deployed while CONFIGURING: neither fact ended the
        // stage the engagement was in, so gateway.installed alone moved it
        StagesFollowFactsTest.awaitStage(engagement, "CONFIGURING");
        // its launch checklist, from the events of this real run: the host registered in setUp, the gateway installed
        // with its Telegram channel, the early configuration approved and deployed; the client's part still to come
        await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(TimelineAndChecklistTest.status(
                TimelineAndChecklistTest.checklist(Tokens.engineer(), engagement), "deployed")));   // agent.deployed consumed
        JsonPath checklist = TimelineAndChecklistTest.checklist(Tokens.engineer(), engagement);
        for (String item : List.of("deposit-paid", "host-provisioned", "gateway-installed", "configuration-approved",
                "deployed", "channel-configured")) {
            assertEquals("DONE", TimelineAndChecklistTest.status(checklist, item), item + ": " + checklist.prettify());
        }
        assertEquals("lobsterops.host.registered", checklist.getString("find { it.key == 'host-provisioned' }.eventType"));
        assertTrue(checklist.getString("find { it.key == 'channel-configured' }.note").contains("allowlist"));
        assertEquals("WAITING", TimelineAndChecklistTest.status(checklist, "contract-signed"));   // waived, not signed
        // its release carried no gold set: nothing shows the agent answers as it should, so acceptance waits (ADR 0037)
        assertEquals("BLOCKED", TimelineAndChecklistTest.status(checklist, "accepted-by-client"));
        String staffTimeline = TimelineAndChecklistTest.timeline(Tokens.engineer(), engagement, "?size=100").prettify();
        assertTrue(staffTimeline.contains("lobsterops.host.registered") && staffTimeline.contains("port "), staffTimeline);
        String clientId = given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", engagement).then()
                .extract().path("clientId");
        String clientTimeline = TimelineAndChecklistTest.timeline(Tokens.client(clientId), engagement, "?size=100")
                .prettify();
        assertTrue(clientTimeline.contains("Your agent's gateway is installed"), clientTimeline);
        assertFalse(clientTimeline.contains("host.registered") || clientTimeline.contains(TestHost.ADDRESS)
                || clientTimeline.contains(second.getString("profile")) || clientTimeline.contains("port "),
                clientTimeline);

        given().auth().oauth2(Tokens.engineer()).get("/hosts/{id}", hostId).then().body("capacityUsed", equalTo(2));
        long hosts = ((Number) given().auth().oauth2(Tokens.engineer()).get("/hosts?size=1").then().statusCode(200)
                .extract().path("total")).longValue();
        List<Integer> listed = new java.util.ArrayList<>();
        for (long page = Math.max(0, (hosts - 1) / 100 - 1); page <= (hosts - 1) / 100; page++) {
            listed.addAll(given().auth().oauth2(Tokens.engineer()).get("/hosts?size=100&page=" + page).then()
                    .statusCode(200).extract().jsonPath().getList("items.findAll { it.id == '" + hostId
                            + "' }.capacityUsed", Integer.class));
        }
        assertEquals(List.of(2), listed, "the host list shows each host's capacity used");
        assertProblem(place(provisioningEngagement(), hostId).then(), 409, "host-full");
    }

    /**
     * A RUNNING run as another process left it: its seven steps in the given states (one attempt each unless PENDING),
     * its lease held for ten minutes by {@code leaseOwner} when given (else none).
     */
    UUID insertRun(UUID gateway, UUID engagement, String leaseOwner, String... stepStatuses) {
        UUID runId = UUID.randomUUID();
        database.preparedQuery("insert into provisioning_run (id, gateway_id, engagement_id, status, started_by,"
                + " created_at, lease_owner, lease_until) values ($1, $2, $3, 'RUNNING', 'eric', now(), $4, case when"
                + " $4::text is null then null else now() + interval '10 minutes' end)")
                .execute(Tuple.of(runId, gateway, engagement, leaseOwner)).await().indefinitely();
        String[] names = { "CONNECT_AND_GATHER_FACTS", "INSTALL_NODE", "INSTALL_OPENCLAW", "ONBOARD",
                "CONFIGURE_TELEGRAM", "START_GATEWAY", "VERIFY" };
        for (int i = 0; i < names.length; i++) {
            database.preparedQuery("insert into run_step (run_id, ordinal, name, status, attempts) values ($1, $2, $3,"
                    + " $4, $5)").execute(Tuple.of(runId, i + 1, names[i], stepStatuses[i],
                            "PENDING".equals(stepStatuses[i]) ? 0 : 1))
                    .await().indefinitely();
        }
        return runId;
    }

    @Test
    @Order(10)
    void aRunLeftRunningByAKilledServiceResumesFromItsStep() {
        // what a service killed during onboarding leaves behind: three steps done, the fourth RUNNING
        UUID runId = insertRun(firstGateway, firstEngagement, null, "DONE", "DONE", "DONE", "RUNNING", "PENDING",
                "PENDING", "PENDING");
        JsonPath resumed = awaitRun(runId, "SUCCEEDED", Duration.ofMinutes(2));
        assertEquals(List.of(1, 1, 1, 2, 1, 1, 1), resumed.getList("steps.attempts"));
        assertEquals(List.of("DONE", "DONE", "DONE", "SKIPPED", "SKIPPED", "DONE", "DONE"),
                resumed.getList("steps.status"));
    }

    @Test
    @Order(9)
    void placingAGatewayNeedsAnEngagementInProvisioningAndOnlyOnePerEngagement() {
        String clientId = "gw-" + UUID.randomUUID().toString().substring(0, 8);
        UUID lead = EngagementResourceTest.open(Tokens.engineer(), clientId, "Too Early");
        assertProblem(place(lead, hostId).then(), 409, "engagement-not-provisioning");
        assertProblem(place(firstEngagement, hostId).then(), 409, "gateway-exists");
        // a price must be a non-negative number of USD per million tokens, with input and output both given
        for (Map<String, Object> price : List.<Map<String, Object>> of(Map.of("inputPerMillionUsd", -1,
                "outputPerMillionUsd", 15), Map.of("inputPerMillionUsd", 3), Map.of("inputPerMillionUsd", 3,
                        "outputPerMillionUsd", 1_000_000))) {
            assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                    .body(Map.of("hostId", hostId, "model", Map.of("providerId", "x", "baseUrl", "http://x",
                            "modelId", "m", "apiKey", "k", "price", price)))
                    .post("/engagements/{id}/gateways", lead).then(), 400, "validation");
        }
        assertProblem(given().auth().oauth2(Tokens.client(clientId)).contentType(ContentType.JSON)
                .body(Map.of("hostId", hostId, "model", Map.of("providerId", "x", "baseUrl", "http://x",
                        "modelId", "m", "apiKey", "k")))
                .post("/engagements/{id}/gateways", lead).then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.client(clientId)).get("/gateways/{id}", firstGateway).then(), 404,
                "not-found");
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/gateway", firstEngagement).then()
                .statusCode(200).body("id", equalTo(firstGateway.toString()));
        assertProblem(given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/gateway", lead).then(), 404,
                "not-found");
        assertProblem(given().auth().oauth2(Tokens.client(clientId)).get("/engagements/{id}/gateway",
                firstEngagement).then(), 404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.client(clientId)).get("/provisioning-runs/{id}", firstRun).then(),
                404, "not-found");
    }

    @Test
    @Order(11)
    void aDeployWaitsForAnUnreachableHostAndOneLeftByAKilledInstanceIsTakenOver() throws Exception {
        String commitThree = "3333333333333333333333333333333333333333";
        forwarder.cut();
        try {
            publishApproved(firstEngagement, commitThree, List.of(file("SOUL.md", "# Soul\n\n" + SOUL_MARKER
                    + ". Third release.\n"), file(WorkspaceFiles.SCHEDULE, io.lobsterops.provisioning.fleet.openclaw
                            .WorkspaceFilesTest.schedule("daily-briefing-0900", "0 9 * * 1-5", "Europe/Paris",
                                    "Prepare the weekday briefing."))));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                JsonPath list = given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}/deployments",
                        firstGateway).then().statusCode(200).extract().jsonPath();
                Map<String, Object> three = list.getMap("find { it.commit == '" + commitThree + "' }");
                return three != null && "PENDING".equals(three.get("status"))
                        && String.valueOf(three.get("reason")).contains("host unreachable");
            });
        } finally {
            forwarder.restore();
        }
        JsonPath deployed = awaitDeployment(firstGateway, commitThree, "DEPLOYED");
        assertTrue(deployed.getInt("find { it.commit == '" + commitThree + "' }.attempts") >= 2,
                deployed.prettify());
        given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", firstGateway).then()
                .body("deployedCommit", equalTo(commitThree));
        String jobs = HostOpenClaw.run(".lobsterops", "--profile", firstProfile(firstGateway), "cron", "list", "--all",
                "--json");
        assertTrue(jobs.contains("\"lobsterops/daily-briefing-0900\""), jobs);
        assertFalse(jobs.contains("lobsterops/daily-briefing-0730"), "the job the new release dropped is still there");

        // what an instance killed mid-deploy leaves behind: RUNNING, its lease lapsed; and one a live instance holds
        String commitFour = "4444444444444444444444444444444444444444";
        String commitFive = "5555555555555555555555555555555555555555";
        String files = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(List.of(file("SOUL.md",
                "# Soul\n\n" + SOUL_MARKER + ". Fourth release.\n")));
        UUID orphan = UUID.randomUUID();
        UUID held = UUID.randomUUID();
        for (Object[] row : List.of(new Object[] { orphan, commitFour, "now() - interval '1 minute'" },
                new Object[] { held, commitFive, "now() + interval '10 minutes'" })) {
            database.preparedQuery("insert into deployment (id, gateway_id, engagement_id, event_id, commit_sha, files,"
                    + " status, approved_by, created_at, started_at, previous_commit, lease_owner, lease_until,"
                    + " attempts) values ($1, $2, $3, $4, $5, $6, 'RUNNING', 'samuel', now(), now(), $7,"
                    + " 'deployer-of-another-instance', " + row[2] + ", 1)")
                    .execute(Tuple.tuple(List.of(row[0], firstGateway, firstEngagement, "test-" + row[0], row[1],
                            files, commitThree)))
                    .await().indefinitely();
        }
        JsonPath takenOver = awaitDeployment(firstGateway, commitFour, "DEPLOYED");
        assertEquals(2, takenOver.getInt("find { it.commit == '" + commitFour + "' }.attempts"));
        assertEquals(commitThree, takenOver.getString("find { it.commit == '" + commitFour + "' }.previousCommit"));
        assertEquals("RUNNING", takenOver.getString("find { it.commit == '" + commitFive + "' }.status"),
                "a deployment whose driver still holds its lease was taken from it");
        database.preparedQuery("update deployment set status = 'FAILED', lease_owner = null, lease_until = null,"
                + " reason = 'test: left by a simulated live instance' where id = $1").execute(Tuple.of(held))
                .await().indefinitely();
    }

    @Test
    @Order(12)
    void aKillOnAnUnreachableHostIsRecordedAtOnceAndEnforcedWhenTheHostIsBack() throws Exception {
        forwarder.cut();
        try {
            given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                    .body(Map.of("reason", "leaking a price list")).post("/gateways/{id}/kill", secondGateway)
                    .then().statusCode(202).body("state", equalTo("SUSPENDING"))
                    .body("suspendedBy", equalTo("sophie")).body("suspendedReason", equalTo("leaking a price list"))
                    .body("kill.attempts", equalTo(1)).body("kill.lastError", org.hamcrest.Matchers.notNullValue());
            KafkaTestClient.find(KafkaTestClient.TOPIC, record -> KafkaTestClient.event(EventTypes.INCIDENT_OPENED,
                    secondEngagement).test(record) && record.value().contains("kill-switch-pending")
                    && record.value().contains("\"P0\""), Duration.ofSeconds(20))
                    .orElseThrow(() -> new AssertionError("no P0 incident for the kill that could not be enforced"));
            // the host is out of reach, not down: the agent still answers, which is what the incident says
            assertEquals(200, readyz(secondPort));
            // pulling it again is harmless and says the same
            given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                    .body(Map.of("reason", "again")).post("/gateways/{id}/kill", secondGateway)
                    .then().statusCode(202).body("state", equalTo("SUSPENDING"))
                    .body("suspendedReason", equalTo("leaking a price list"));
            // recorded, not enforced: the engagement stays where gateway.installed put it (test 8)
            given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", secondEngagement).then()
                    .body("stage", equalTo("CONFIGURING"));
        } finally {
            forwarder.restore();
        }
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() -> "SUSPENDED".equals(
                given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", secondGateway).then().statusCode(200)
                        .extract().path("state")));
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> readyz(secondPort));
        ConsumerRecord<String, String> suspended = KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.AGENT_SUSPENDED, secondEngagement), Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("no agent.suspended once the kill was enforced"));
        assertTrue(suspended.value().contains("leaking a price list"), suspended.value());
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", secondEngagement).then()
                .body("stage", equalTo("SUSPENDED"));
        given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", secondGateway).then()
                .body("suspendedAt", org.hamcrest.Matchers.notNullValue()).body("kill", org.hamcrest.Matchers.nullValue());
    }

    @Test
    @Order(13)
    void aRunsLiveProgressStreamsChangesWhicheverInstanceMakesThem() throws Exception {
        // a run another instance drives (its lease is live, so this one leaves it alone): its changes reach the
        // stream through the database's notification, not through this process
        UUID runId = insertRun(firstGateway, firstEngagement, "provisioning-of-another-instance", "PENDING", "PENDING",
                "PENDING", "PENDING", "PENDING", "PENDING", "PENDING");
        SseRecorder sse = SseRecorder.open(base.resolve("provisioning-runs/" + runId + "/events").toString(),
                Tokens.engineer());
        await().atMost(Duration.ofSeconds(10)).until(() -> !sse.events().isEmpty());

        database.preparedQuery("update run_step set status = 'DONE', attempts = 1, started_at = now(), finished_at ="
                + " now(), output = 'gathered by the other instance' where run_id = $1 and ordinal = 1")
                .execute(Tuple.of(runId)).await().indefinitely();
        await().atMost(Duration.ofSeconds(10)).until(() -> sse.events().stream()
                .anyMatch(event -> event.contains("gathered by the other instance")));
        assertFalse(sse.completed(), "the stream ended before the run did");

        database.preparedQuery("update run_step set status = 'DONE', attempts = 1 where run_id = $1 and ordinal > 1")
                .execute(Tuple.of(runId)).await().indefinitely();
        database.preparedQuery("update provisioning_run set status = 'SUCCEEDED', finished_at = now(), lease_owner ="
                + " null, lease_until = null where id = $1").execute(Tuple.of(runId)).await().indefinitely();
        await().atMost(Duration.ofSeconds(10)).until(sse::completed);
        List<String> events = sse.events();
        assertTrue(events.get(events.size() - 1).contains("\"status\":\"SUCCEEDED\""), events.toString());
    }

    @Test
    @Order(14)
    void aRunGoingOnWhenTheKillSwitchIsPulledDoesNotStartTheGatewayAgain() throws Exception {
        // the second gateway is suspended (test 12); a run on it has just installed and onboarded
        UUID runId = insertRun(secondGateway, secondEngagement, null, "DONE", "DONE", "DONE", "DONE", "DONE", "PENDING",
                "PENDING");
        JsonPath held = awaitRun(runId, "FAILED", Duration.ofMinutes(1));
        assertEquals("start-gateway", held.getString("failedStep"));
        assertTrue(held.getString("failureReason").contains("held by the kill switch"), held.getString("failureReason"));
        assertEquals(0, held.getInt("steps[5].attempts"));
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> readyz(secondPort));
        given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", secondGateway).then()
                .body("state", equalTo("SUSPENDED"));
    }

    @Test
    @Order(15)
    void aPauseRequestedByTheBudgetRuleIsRecordedAsTheRulesKillAndEnforcedOnTheHost() throws Exception {
        // needs only the first gateway (test 2), running; an engagement without a gateway has nothing to pause
        assertEquals(200, readyz(firstPort));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        io.lobsterops.events.AgentPauseRequested pause = new io.lobsterops.events.AgentPauseRequested(firstEngagement,
                null, "token-budget", "monthly budget of 100.00 USD spent (101.20 USD)", "monitoring/token-budget",
                now);
        UUID withoutGateway = provisioningEngagement();
        Events.publish(new io.lobsterops.events.AgentPauseRequested(withoutGateway, null, "token-budget", "spent",
                "monitoring/token-budget", now));
        String pauseId = Events.publish(pause);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> "SUSPENDED".equals(
                given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", firstGateway).then().statusCode(200)
                        .extract().path("state")));
        given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", firstGateway).then()
                .body("suspendedBy", equalTo("monitoring/token-budget"))
                .body("suspendedReason", equalTo("token-budget: monthly budget of 100.00 USD spent (101.20 USD)"))
                .body("kill", org.hamcrest.Matchers.nullValue());
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> readyz(firstPort));
        assertFalse(TestHost.processList().contains("gateways/" + firstProfile(firstGateway) + "/gateway-supervisor"),
                "the supervisor survived the budget's pause");
        ConsumerRecord<String, String> suspended = KafkaTestClient.find(KafkaTestClient.TOPIC, record -> KafkaTestClient
                .event(EventTypes.AGENT_SUSPENDED, firstEngagement).test(record)
                && record.value().contains("token-budget"), Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("no agent.suspended for the budget's pause"));
        assertTrue(suspended.value().contains("\"suspendedBy\":\"monitoring/token-budget\""), suspended.value());
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", firstEngagement).then()
                .body("stage", equalTo("SUSPENDED")).body("suspendedFrom", equalTo("CONFIGURING"));
        // the same event again: nothing more (one suspension, one agent.suspended)
        Events.publish(pauseId, pause);
        StagesFollowFactsTest.afterTheFactsBefore("gw-pause-" + UUID.randomUUID().toString().substring(0, 6));
        assertEquals(1, KafkaTestClient.findAll(KafkaTestClient.TOPIC, KafkaTestClient.event(EventTypes.AGENT_SUSPENDED,
                firstEngagement).and(record -> record.value().contains("token-budget")), 2, Duration.ofSeconds(5)).size());
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/history", firstEngagement).then()
                .body("findAll { it.reason != null && it.reason.contains('token-budget') }.size()", equalTo(1));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", withoutGateway).then()
                .body("stage", equalTo("SIGNED"));
        // a supervisor resumes it like any kill
        given().auth().oauth2(Tokens.supervisor()).post("/gateways/{id}/resume", firstGateway).then().statusCode(200)
                .body("state", equalTo("RUNNING"));
        assertEquals(200, readyz(firstPort));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", firstEngagement).then()
                .body("stage", equalTo("CONFIGURING"));
    }

    @Test
    @Order(16)
    void aSecondRecordOfTheSameMachineGetsAPortOfItsOwnAndAPortAlreadyAnsweringFailsOnboarding() throws Exception {
        // the same test host registered again (another record, its SSH port reached directly): one machine, one set
        // of ports — the next port is past every gateway placed at this address, whichever record holds it
        Response again = given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("name", "the shared test host, registered twice", "address", TestHost.ADDRESS,
                        "sshPort", TestHost.PORT, "loginUser", TestHost.USER, "kind", "SHARED", "capacity", 1,
                        "hostKeyFingerprint", TestHost.fingerprint()))
                .post("/hosts");
        UUID twice = UUID.fromString(again.then().statusCode(201).extract().path("id"));
        TestHost.authorize(again.path("publicKey"));
        Set<Integer> taken = Set.copyOf(database.preparedQuery("select g.port from gateway g join host h on"
                + " h.id = g.host_id where h.address = $1 and g.state <> 'TERMINATED'")
                .execute(Tuple.of(TestHost.ADDRESS)).await().indefinitely().stream().map(row -> row.getInteger(0))
                .toList());
        assertTrue(taken.contains(firstPort) && taken.contains(secondPort), taken.toString());
        // the test run's first gateway port (ADR 0071)
        int expected = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("lobsterops.provisioning.openclaw.base-port", Integer.class);
        while (taken.contains(expected)) {
            expected += 120;
        }
        // something else already listens there: onboarding must not go ahead with a gateway that cannot bind
        try (java.net.ServerSocket squatter = new java.net.ServerSocket(expected, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            UUID engagement = provisioningEngagement();
            UUID runId = UUID.fromString(place(engagement, twice).then().statusCode(201).extract().path("id"));
            JsonPath failed = awaitRun(runId, "FAILED", INSTALL);
            UUID gateway = UUID.fromString(failed.getString("gatewayId"));
            given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", gateway).then().statusCode(200)
                    .body("port", equalTo(expected)).body("state", equalTo("FAILED"));
            assertEquals("onboard", failed.getString("failedStep"));
            assertTrue(failed.getString("failureReason").contains("port " + expected + " is already in use"),
                    failed.getString("failureReason"));
        }
    }
}
