package io.lobsterops.monitoring;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.EventTypes;
import io.lobsterops.events.GatewayInstalled;
import io.lobsterops.events.HostRegistered;
import io.lobsterops.kit.probe.MonitoringAccess;
import io.lobsterops.monitoring.support.MonitoringIdentity;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Loopback;
import io.lobsterops.testkit.Processes;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;

/**
 * Usage counted against a real OpenClaw gateway on the SSH test host (dev/support/test-gateway.sh) talking to the
 * loopback fake model, which counts the tokens it served: after a normal turn, a scheduled (cron) turn and the
 * deletion of that scheduled session, what monitoring records for the day equals what the model served — the figure
 * OpenClaw's own sessions.usage misses (it leaves automation and deleted sessions out of its totals). Then the
 * gateway hangs and runs again: the probes follow it DOWN and back UP, one health change each.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(MonitoringIdentity.class)
class RealGatewayUsageTest {

    private static final Logger LOG = Logger.getLogger(RealGatewayUsageTest.class);
    static final String DIR = "lobsterops-monitoring-gateway";
    static final String PROFILE = "monusage";
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static Process model;
    static int modelPort;
    static int gatewayPort;

    @BeforeAll
    static void realGateway() throws IOException {
        modelPort = Loopback.freePort();
        gatewayPort = Loopback.freePort();
        Path root = Processes.repositoryRoot();
        model = new ProcessBuilder("python3", root.resolve("dev/support/fake_model.py").toString(),
                String.valueOf(modelPort)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        gateway("start", DIR, PROFILE, String.valueOf(gatewayPort), "http://127.0.0.1:" + modelPort + "/v1");
        // what provisioning does on every host: the probe next to the installs, monitoring's restricted line
        Path probe = Files.createTempFile("monitoring-probe", ".sh");
        Files.writeString(probe, MonitoringAccess.probeScript(), StandardCharsets.UTF_8);
        ProbeSweepTest.testhost("install-probe", probe.toString(), DIR);
        Files.deleteIfExists(probe);
        ProbeSweepTest.testhost("authorize-monitoring", MonitoringAccess.authorizedKeysLine(
                MonitoringIdentity.publicKey(), DIR, List.of(gatewayPort)));
    }

    @AfterAll
    static void stop() {
        try {
            gateway("stop", DIR, PROFILE);
        } finally {
            if (model != null) {
                model.destroy();
            }
        }
    }

    static String gateway(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Processes.repositoryRoot().resolve("dev/support/test-gateway.sh").toString());
        command.addAll(List.of(args));
        return Processes.run(command);
    }

    static String openclaw(String... args) {
        List<String> command = new ArrayList<>(List.of("openclaw", DIR, PROFILE));
        command.addAll(List.of(args));
        return gateway(command.toArray(String[]::new));
    }

    /**
     * An openclaw command whose exit status is not the point: {@code cron run} exits 1 when the run's announcement has
     * no channel to go to (this gateway has none), after the turn itself ran. Its JSON answer is returned.
     */
    static String openclawAnyStatus(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Processes.repositoryRoot().resolve("dev/support/test-gateway.sh").toString(), "openclaw", DIR, PROFILE));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        LOG.infof("%s exited %d", args[0] + " " + args[1], process.waitFor());
        return out;
    }

    static JsonPath served() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + modelPort + "/served")).build(), HttpResponse.BodyHandlers.ofString());
        return JsonPath.from(response.body());
    }

    @Test
    void everyTurnIsCountedNormalScheduledAndDeletedExactlyAsTheModelServedThem() throws Exception {
        HostRegistered host = ProbeSweepTest.host(ProbeSweepTest.fingerprint(), DIR);
        GatewayInstalled installed = ProbeSweepTest.gateway(host, gatewayPort, PROFILE);
        await().atMost(PATIENCE).untilAsserted(() -> {
            ProbeSweepTest.sweep();
            ProbeSweepTest.monitoring(installed).body("health", equalTo("UP"));
        });
        LocalDate firstDay = LocalDate.now(ZoneOffset.UTC);
        JsonPath before = served();

        // a person's turn, then a scheduled one (an automation run now), then that scheduled session deleted
        JsonPath turn = JsonPath.from(openclaw("agent", "--agent", "main", "--message", "What is on today?", "--json"));
        assertEquals("ok", turn.getString("status"));
        JsonPath job = JsonPath.from(openclaw("cron", "add", "--json", "--name", "usage-check", "--agent", "main",
                "--cron", "0 3 * * *", "--message", "Summarise the day.",
                "--declaration-key", "lobsterops/usage-check"));
        String jobId = job.getString("job.id") != null ? job.getString("job.id") : job.getString("id");
        String run = openclawAnyStatus("cron", "run", jobId, "--wait", "--json");
        // the automation's session (its runs are windows of it): agent:main:cron:<job id>
        String cronSession = "agent:main:cron:" + jobId;
        assertTrue(run.contains(cronSession), "the run took place in the automation's session: " + run);
        openclaw("sessions", "delete", cronSession, "--agent", "main", "--yes", "--json");
        JsonPath after = served();
        long input = after.getLong("prompt_tokens") - before.getLong("prompt_tokens");
        long output = after.getLong("completion_tokens") - before.getLong("completion_tokens");
        assertEquals(2, after.getInt("requests") - before.getInt("requests"), "one model call per turn");
        String own = openclawAnyStatus("gateway", "call", "sessions.usage", "--json", "--params",
                "{\"agentId\":\"main\",\"startDate\":\"" + firstDay.minusDays(1) + "\",\"endDate\":\""
                        + LocalDate.now(ZoneOffset.UTC) + "\",\"mode\":\"utc\",\"groupBy\":\"family\"}");
        int totals = own.indexOf("\"totals\"");
        LOG.infof("the model served %d + %d tokens; OpenClaw's own sessions.usage: %s", input, output,
                totals < 0 ? own : own.substring(totals, Math.min(own.length(), totals + 120)).replaceAll("\\s+", " "));

        given().auth().oauth2(Tokens.supervisor()).post("/probes/usage").then().statusCode(200);
        JsonPath usage = usageOf(installed, firstDay);
        assertEquals(input, usage.getLong("days.inputTokens.sum()"), "input tokens: monitoring = the model's count");
        assertEquals(output, usage.getLong("days.outputTokens.sum()"), "output tokens: monitoring = the model's count");
        assertTrue(usage.getBoolean("days[0].unpricedTokens"), "the fake model has no price: unpriced, not $0");

        // reading again counts nothing twice
        given().auth().oauth2(Tokens.supervisor()).post("/probes/usage").then().statusCode(200);
        JsonPath again = usageOf(installed, firstDay);
        assertEquals(input, again.getLong("days.inputTokens.sum()"));
        assertEquals(output, again.getLong("days.outputTokens.sum()"));

        // the gateway hangs (stopped), then runs again: DOWN once the damping has seen enough failures, then UP
        gateway("freeze", DIR, PROFILE);
        try {
            await().atMost(PATIENCE).untilAsserted(() -> {
                ProbeSweepTest.sweep();
                ProbeSweepTest.monitoring(installed).body("health", equalTo("DOWN"));
            });
        } finally {
            gateway("thaw", DIR, PROFILE);
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            ProbeSweepTest.sweep();
            ProbeSweepTest.monitoring(installed).body("health", equalTo("UP"));
        });
        assertEquals(3, KafkaTestClient.findAll(KafkaTestClient.TOPIC, KafkaTestClient.event(
                EventTypes.GATEWAY_HEALTH_CHANGED, installed.engagementId()), 4, Duration.ofSeconds(5)).size(),
                "one health change each: UNKNOWN → UP, UP → DOWN, DOWN → UP");
    }

    static JsonPath usageOf(GatewayInstalled installed, LocalDate from) {
        return given().auth().oauth2(Tokens.engineer()).queryParam("from", from.minusDays(1).toString())
                .get("/engagements/{id}/usage", installed.engagementId()).then().statusCode(200).extract().jsonPath();
    }
}
