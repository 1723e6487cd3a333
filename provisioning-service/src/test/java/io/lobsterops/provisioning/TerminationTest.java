package io.lobsterops.provisioning;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.lobsterops.events.ConfigApproved;
import io.lobsterops.events.EventTypes;
import io.lobsterops.provisioning.fleet.secrets.SecretBox;
import io.lobsterops.provisioning.fleet.termination.TerminationRunner;
import io.lobsterops.provisioning.support.FakeModelServer;
import io.lobsterops.provisioning.support.FakeTelegramBotApi;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.TcpForwarder;
import io.lobsterops.testkit.TestHost;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Termination end to end on the real test host (runbook §5): a real gateway with a Telegram bot and a deployed release
 * whose config repository provisioning can read is terminated; afterwards no process of it runs, none of its secrets
 * is left under the host user's home, the archive's manifest verifies and holds no secret, the bundle clones, the
 * certificate (JSON and PDF) says what was archived and deleted, retention deletes the archive. Its own install
 * directory keeps it clear of the other classes' resets of the shared host.
 */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(TerminationTest.Patient.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(FakeTelegramBotApi.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerminationTest {

    /** Onboarding took over 120 s on a machine at load 25: this class waits longer for it and for /readyz. */
    public static class Patient implements io.quarkus.test.junit.QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lobsterops.provisioning.openclaw.onboard-timeout", "600s",
                    "lobsterops.provisioning.openclaw.ready-timeout", "400s");
        }
    }

    static final String INSTALL_DIR = ".lobsterops-termination-test";

    @Inject
    PgPool database;

    @Inject
    SecretBox secrets;

    @Inject
    TerminationRunner runner;

    FakeModelServer model;
    TcpForwarder forwarder;
    Path repository;
    final String apiKey = "sk-test-" + UUID.randomUUID().toString().replace("-", "");

    @AfterAll
    void tearDown() {
        if (forwarder != null) {
            forwarder.close();
            model.close();
        }
    }

    @Test
    void aRealGatewayIsTerminatedArchivedWipedAndCertified() throws Throwable {
        TestHost.start();
        model = FakeModelServer.start();
        forwarder = new TcpForwarder(TestHost.PORT);
        Response registered = given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("name", "termination test host", "address", TestHost.ADDRESS, "sshPort", forwarder.port(),
                        "loginUser", TestHost.USER, "kind", "DEDICATED", "capacity", 1, "region", "local",
                        "installDir", INSTALL_DIR, "hostKeyFingerprint", TestHost.fingerprint()))
                .post("/hosts");
        registered.then().statusCode(201).body("status", equalTo("TRUSTED"));
        UUID hostId = UUID.fromString(registered.path("id"));
        String hostPublicKey = registered.path("publicKey");
        TestHost.authorize(hostPublicKey);

        UUID engagement = GatewayProvisioningTest.provisioningEngagement();
        String clientId = given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", engagement).then()
                .extract().path("clientId");
        Map<String, Object> body = new java.util.HashMap<>(Map.of("hostId", hostId, "model", Map.of("providerId",
                "fakellm", "baseUrl", model.baseUrl(), "modelId", FakeModelServer.MODEL, "apiKey", apiKey)));
        body.put("telegram", Map.of("botToken", FakeTelegramBotApi.BOT_TOKEN, "dmPolicy", "allowlist", "allowFrom",
                List.of("4242")));
        Response placed = given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(body)
                .post("/engagements/{id}/gateways", engagement);
        UUID runId = UUID.fromString(placed.then().statusCode(201).extract().path("id"));
        UUID gatewayId = UUID.fromString(placed.path("gatewayId"));
        GatewayProvisioningTest.awaitRun(runId, "SUCCEEDED", GatewayProvisioningTest.INSTALL);
        JsonPath gateway = given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", gatewayId).then()
                .statusCode(200).extract().jsonPath();
        String profile = gateway.getString("profile");
        int port = gateway.getInt("port");
        String sealed = database.preparedQuery("select token_sealed from gateway where id = $1")
                .execute(Tuple.of(gatewayId)).await().indefinitely().iterator().next().getString(0);
        String gatewayToken = secrets.open("gateway/" + gatewayId + "/token", sealed);

        // a release from a config repository provisioning can read (a local one): its bundle goes into the archive
        repository = Files.createTempDirectory("termination-repo-");
        git(repository, "init", "-q", "-b", "main");
        String soul = "# Soul\n\nYou are the terminated agent " + UUID.randomUUID() + ".\n";
        Files.writeString(repository.resolve("SOUL.md"), soul);
        git(repository, "add", "SOUL.md");
        git(repository, "-c", "user.name=samuel", "-c", "user.email=samuel@example.test", "commit", "-q", "-m",
                "release one");
        String commit = git(repository, "rev-parse", "HEAD").strip();
        Events.publish(new ConfigApproved(engagement, clientId, UUID.randomUUID(), repository.toUri().toString(),
                commit, "release-1", "samuel", Instant.now().truncatedTo(ChronoUnit.MILLIS),
                List.of(GatewayProvisioningTest.file("SOUL.md", soul))));
        GatewayProvisioningTest.awaitDeployment(gatewayId, commit, "DEPLOYED");
        assertEquals(200, GatewayProvisioningTest.readyz(port));

        // only a supervisor terminates: an engineer is refused, a client does not even see the engagement
        Map<String, String> why = Map.of("reason", "contract ended by the client");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(why)
                .post("/engagements/{id}/termination", engagement).then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.client(clientId)).contentType(ContentType.JSON).body(why)
                .post("/engagements/{id}/termination", engagement).then(), 404, "not-found");
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON).body(Map.of("reason", " "))
                .post("/engagements/{id}/termination", engagement).then().statusCode(400)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));

        long started = System.nanoTime();
        Response requested = given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON).body(why)
                .post("/engagements/{id}/termination", engagement);
        requested.then().statusCode(202).body("status", equalTo("PENDING")).body("steps.size()", equalTo(6));
        UUID terminationId = UUID.fromString(requested.path("id"));
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON).body(why)
                .post("/engagements/{id}/termination", engagement).then(), 409, "termination-exists");

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String status = termination(terminationId).getString("status");
            if ("FAILED".equals(status)) {
                throw new AssertionError("termination failed: " + termination(terminationId).prettify());
            }
            return "SUCCEEDED".equals(status);
        });
        System.out.printf("[timing] termination of a real gateway: %d s%n",
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
        JsonPath done = termination(terminationId);
        assertEquals(List.of("DONE", "DONE", "DONE", "DONE", "DONE", "DONE"), done.getList("steps.status"),
                done.prettify());
        assertFalse(done.prettify().contains(gatewayToken) || done.prettify().contains(apiKey)
                || done.prettify().contains(FakeTelegramBotApi.BOT_TOKEN), "a secret leaked into the steps");

        // no process of the gateway runs, its port is closed
        String processes = TestHost.processList();
        assertFalse(processes.contains("--profile " + profile), processes);
        assertThrows(IOException.class, () -> GatewayProvisioningTest.readyz(port));

        // no secret of it is left on the host: every file under the user's home (npm's caches aside) and the logs
        List<String> holding = filesHolding(List.of(Path.of("/home/" + TestHost.USER), Path.of("/tmp/openclaw")),
                List.of(gatewayToken, FakeTelegramBotApi.BOT_TOKEN, apiKey));
        assertTrue(holding.isEmpty(), "secrets left on the host in " + holding);
        assertFalse(Files.exists(Path.of("/home/" + TestHost.USER + "/.openclaw-" + profile)));
        String keys = Files.readString(Path.of("/home/" + TestHost.USER + "/.ssh/authorized_keys"));
        assertFalse(keys.contains(hostPublicKey.split(" ")[1]), "provisioning's key for the host is still authorized");

        // the platform holds no sealed secret of it any more; the gateway is TERMINATED
        var row = database.preparedQuery("select token_sealed, model_api_key_sealed, telegram_token_sealed, state"
                + " from gateway where id = $1").execute(Tuple.of(gatewayId)).await().indefinitely().iterator().next();
        assertEquals("", row.getString(0));
        assertEquals("", row.getString(1));
        assertEquals(null, row.getString(2));
        assertEquals("TERMINATED", row.getString(3));
        // its port and profile on the host are free again: another engagement's gateway may take them (a copy of the
        // row, FAILED, stands for one: placing a real one would provision it)
        UUID next = GatewayProvisioningTest.provisioningEngagement();
        database.query("create temp table reused as select * from gateway where id = '" + gatewayId + "';"
                + " update reused set id = gen_random_uuid(), engagement_id = '" + next + "', state = 'FAILED';"
                + " insert into gateway select * from reused; drop table reused;").execute().await().indefinitely();
        assertEquals(1, database.preparedQuery("select count(*) from gateway where host_id = $1 and port = $2"
                + " and profile = $3 and state <> 'TERMINATED'").execute(Tuple.of(hostId, port, profile)).await()
                .indefinitely().iterator().next().getLong(0));
        // the platform's key is gone from the host with its last gateway: the host says so, and placing there is
        // refused with what to do, instead of a run failing at connect
        given().auth().oauth2(Tokens.engineer()).get("/hosts/{id}", hostId).then().statusCode(200)
                .body("status", equalTo("ACCESS_REVOKED"));
        body.put("hostId", hostId);
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(body)
                .post("/engagements/{id}/gateways", GatewayProvisioningTest.provisioningEngagement()).then(), 409,
                "host-access-revoked");

        // the archive: its manifest verifies, its hash is the one published, it holds no secret, the bundle clones
        JsonPath certificate = given().auth().oauth2(Tokens.supervisor()).accept(ContentType.JSON)
                .get("/terminations/{id}/certificate", terminationId).then().statusCode(200).extract().jsonPath();
        Path archive = Path.of(certificate.getString("archive.location"));
        byte[] manifest = Files.readAllBytes(archive.resolve("MANIFEST.sha256"));
        assertEquals(sha256(manifest), certificate.getString("archive.manifestSha256"));
        for (String line : new String(manifest, StandardCharsets.UTF_8).split("\n")) {
            Path file = archive.resolve("files").resolve(line.substring(66));
            assertEquals(line.substring(0, 64), sha256(Files.readAllBytes(file)), line);
        }
        String manifestText = new String(manifest, StandardCharsets.UTF_8);
        System.out.println("[archive] " + manifestText + Files.readString(archive.resolve("files/NOTES.txt")));
        assertTrue(manifestText.contains("workspace/SOUL.md") && manifestText.contains("config/openclaw.json")
                && manifestText.contains("repository.bundle") && manifestText.contains("NOTES.txt"), manifestText);
        assertEquals(soul, Files.readString(archive.resolve("files/workspace/SOUL.md")));
        assertTrue(Files.readString(archive.resolve("files/config/openclaw.json")).contains("[removed]"));
        assertTrue(filesHolding(List.of(archive), List.of(gatewayToken, FakeTelegramBotApi.BOT_TOKEN, apiKey))
                .isEmpty(), "the archive holds a secret");
        Path clone = Files.createTempDirectory("termination-clone-").resolve("repo");
        git(clone.getParent(), "clone", "-q", archive.resolve("files/repository.bundle").toString(), clone.toString());
        assertEquals(commit, git(clone, "rev-parse", "HEAD").strip());
        assertEquals(soul, Files.readString(clone.resolve("SOUL.md")));

        ConsumerRecord<String, String> event = KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.AGENT_TERMINATED, engagement), Duration.ofSeconds(30))
                .orElseThrow(() -> new AssertionError("agent.terminated was not published"));
        assertTrue(event.value().contains(certificate.getString("archive.manifestSha256")), event.value());
        assertTrue(event.value().contains("\"terminatedBy\":\"sophie\""), event.value());
        StagesFollowFactsTest.awaitStage(engagement, "TERMINATED");

        // nothing runs on a terminated gateway any more: the kill switch and backups answer 409, a late release is
        // recorded as not deployed (and never leaves the gateway SUSPENDING or a deployment PENDING for ever)
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("reason", "after the end")).post("/gateways/{id}/kill", gatewayId).then(), 409,
                "gateway-terminated");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).post("/gateways/{id}/backups", gatewayId).then(), 409,
                "gateway-terminated");
        given().auth().oauth2(Tokens.engineer()).get("/gateways/{id}", gatewayId).then().body("state",
                equalTo("TERMINATED"));
        String late = "7777777777777777777777777777777777777777";
        Events.publish(new ConfigApproved(engagement, clientId, UUID.randomUUID(), repository.toUri().toString(),
                late, "release-2", "samuel", Instant.now().truncatedTo(ChronoUnit.MILLIS),
                List.of(GatewayProvisioningTest.file("SOUL.md", soul))));
        JsonPath refused = GatewayProvisioningTest.awaitDeployment(gatewayId, late, "FAILED");
        assertEquals("not deployed: the gateway was terminated", refused.getString("find { it.commit == '" + late
                + "' }.reason"), refused.prettify());

        // the certificate: what was deleted, where, when, by whom; a client's own names no host or path
        List<String> what = certificate.getList("deleted.what");
        assertTrue(what.stream().anyMatch(w -> w.contains("channel credentials")), what.toString());
        assertTrue(what.contains("sealed Telegram bot token"), what.toString());
        assertTrue(what.stream().anyMatch(w -> w.contains("SSH keys")), what.toString());
        assertEquals("sophie", certificate.getString("requestedBy"));
        given().auth().oauth2(Tokens.client(clientId)).accept(ContentType.JSON)
                .get("/terminations/{id}/certificate", terminationId).then().statusCode(200)
                .body("host", equalTo(null)).body("archive.location", equalTo(null))
                .body("archive.manifestSha256", equalTo(certificate.getString("archive.manifestSha256")));
        String clientJson = given().auth().oauth2(Tokens.client(clientId)).accept(ContentType.JSON)
                .get("/terminations/{id}/certificate", terminationId).asString();
        assertFalse(clientJson.contains(TestHost.USER) || clientJson.contains(".openclaw-"), clientJson);
        assertProblem(given().auth().oauth2(Tokens.client("someone-else")).accept(ContentType.JSON)
                .get("/terminations/{id}/certificate", terminationId).then(), 404, "not-found");
        byte[] pdf = given().auth().oauth2(Tokens.client(clientId)).accept("application/pdf")
                .get("/terminations/{id}/certificate", terminationId).then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertTrue(text.contains(certificate.getString("archive.manifestSha256")), text);
            assertTrue(text.contains("sealed Telegram bot token") && text.contains("sophie"), text);
        }

        // the supervisor exports the archive before its retention ends; then the retention job deletes it
        given().auth().oauth2(Tokens.engineer()).get("/terminations/{id}/archive", terminationId).then()
                .statusCode(403);
        byte[] zip = given().auth().oauth2(Tokens.supervisor()).get("/terminations/{id}/archive", terminationId)
                .then().statusCode(200).contentType("application/zip").extract().asByteArray();
        List<String> entries = new ArrayList<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.add(entry.getName());
            }
        }
        assertTrue(entries.contains("MANIFEST.sha256") && entries.contains("files/repository.bundle"),
                entries.toString());
        Instant retainUntil = Instant.parse(certificate.getString("archive.retainUntil"));
        long days = Duration.between(Instant.parse(certificate.getString("terminatedAt")), retainUntil).toDays();
        assertEquals(90, days);
        database.preparedQuery("update termination set retain_until = now() - interval '1 minute' where id = $1")
                .execute(Tuple.of(terminationId)).await().indefinitely();
        assertTrue(io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> runner.deleteExpiredArchives()) >= 1);
        assertFalse(Files.exists(archive));
        JsonPath after = given().auth().oauth2(Tokens.supervisor()).accept(ContentType.JSON)
                .get("/terminations/{id}/certificate", terminationId).then().statusCode(200).extract().jsonPath();
        assertNotNull(after.getString("archive.deletedAt"));
        assertTrue(after.getList("deleted.what").stream().anyMatch(w -> w.toString().contains("retention")));
        assertProblem(given().auth().oauth2(Tokens.supervisor()).get("/terminations/{id}/archive", terminationId)
                .then(), 410, "archive-deleted");
    }

    @Test
    void anEngagementWithoutGatewayIsTerminatedToo() {
        UUID engagement = GatewayProvisioningTest.provisioningEngagement();
        UUID id = UUID.fromString(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("reason", "never went ahead")).post("/engagements/{id}/termination", engagement)
                .then().statusCode(202).extract().path("id"));
        await().atMost(Duration.ofMinutes(2)).until(() -> "SUCCEEDED".equals(termination(id).getString("status")));
        assertEquals(List.of("SKIPPED", "DONE", "SKIPPED", "SKIPPED", "DONE", "DONE"),
                termination(id).getList("steps.status"));
        StagesFollowFactsTest.awaitStage(engagement, "TERMINATED");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("reason", "again")).post("/engagements/{id}/termination", UUID.randomUUID()).then(),
                404, "not-found");
    }

    static JsonPath termination(UUID id) {
        return given().auth().oauth2(Tokens.supervisor()).get("/terminations/{id}", id).then().statusCode(200)
                .extract().jsonPath();
    }

    static List<String> filesHolding(List<Path> roots, List<String> secrets) throws IOException {
        List<byte[]> needles = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        List<String> found = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(p -> !p.toString().contains("/.npm/") && !p.toString().contains(
                        "/node_modules/") && !p.toString().contains("/.cache/")).filter(Files::isRegularFile).toList()) {
                    byte[] bytes;
                    try {
                        bytes = Files.readAllBytes(file);
                    } catch (IOException e) {
                        continue; // a file removed while walking
                    }
                    for (byte[] needle : needles) {
                        if (indexOf(bytes, needle) >= 0) {
                            found.add(file.toString());
                        }
                    }
                }
            } catch (java.io.UncheckedIOException e) {
                // a directory removed while walking (another class's gateway): walk what is left
            }
        }
        return found;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        return io.lobsterops.testkit.Processes.run(command);
    }
}
