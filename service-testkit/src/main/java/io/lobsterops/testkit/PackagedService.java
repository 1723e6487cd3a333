package io.lobsterops.testkit;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What every service's packaged-artifact test ({@code <Service>PackagedIT}, ADR 0031) checks first: the artifact, as it
 * ships (the jar here, the native executable under {@code -Dnative} where GraalVM exists), started as its own process
 * in the test profile against the real PostgreSQL and Kafka, is ready and refuses the anonymous and a forged token
 * with problems; then what the service adds ({@link #servesItsUsers()}). A subclass carries
 * {@code @QuarkusIntegrationTest}, the OIDC test server and its {@link Settings} as
 * {@code @QuarkusTestResource(value = …, restrictToAnnotatedClass = true)}.
 * <p>
 * The launched process runs in the profile named by {@code quarkus.test.integration-test-profile} as the test JVM reads
 * it (Quarkus' default is {@code prod}: the local platform's database and topic, a real OIDC server). service-kit's
 * {@code META-INF/microprofile-config.properties} sets it to {@code test}, so it holds whichever plugin or IDE runs the
 * class; {@link Settings} refuses to let the process start in any other profile, and
 * {@link #startsInTheTestProfileOnTheTestDatabaseAndTopic()} reads in the process's log what it really connected to.
 */
public abstract class PackagedService {

    /** The profile the packaged process must run in (ADR 0031). */
    static final String PROFILE = "test";

    /** A path that needs a token: the anonymous and a forged token get a 401 problem there. */
    protected abstract String protectedPath();

    /** Bad input answered with a problem, and an authenticated user served through the service's database. */
    protected abstract void servesItsUsers();

    @Test
    void thePackagedServiceIsReadyRefusesTheAnonymousAndServesItsUsers() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));

        assertProblem(given().get(protectedPath()).then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.forged()).get(protectedPath()).then(), 401, "unauthorized");

        servesItsUsers();
    }

    /**
     * The log file the launcher gave the process (target/quarkus.log, emptied at each launch) shows the test profile,
     * Flyway on the test run's database ({@link TestRun#DB_SUFFIX}) and the consumer on the module's test topic; never
     * the local platform's database or its {@code engagement-events} topic.
     */
    @Test
    void startsInTheTestProfileOnTheTestDatabaseAndTopic() {
        Config config = ConfigProvider.getConfig();
        Path logFile = Path.of(config.getOptionalValue("quarkus.log.file.path", String.class)
                .orElse("target/quarkus.log"));
        String database = config.getValue("lobsterops.db.name", String.class);
        String log = read(logFile);

        assertTrue(log.contains("Profile " + PROFILE + " activated"), logFile + " shows no 'Profile test activated'");
        String testDatabase = database + TestRun.DB_SUFFIX;
        assertTrue(log.contains("/" + testDatabase + " ("), logFile + " shows no connection to " + testDatabase);
        assertFalse(log.contains("/" + database + " ("), logFile + " shows a connection to the platform's " + database);
        assertTrue(log.contains("[" + KafkaTestClient.TOPIC + "]"), logFile + " shows no consumer on " + KafkaTestClient.TOPIC);
        assertFalse(log.contains("[engagement-events]"), logFile + " shows a consumer on the platform's topic");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the launched process needs beyond the test profile (it does not inherit the test JVM's properties): the test
     * run's names (its database, the module's topic, the consumer group: ADR 0071), Flyway tolerant of migrations newer
     * than this build, and what {@link #more()} adds.
     */
    public abstract static class Settings implements QuarkusTestResourceLifecycleManager {

        /** The service's own settings for the launched process; none by default. */
        protected Map<String, String> more() {
            return Map.of();
        }

        /**
         * Refuses, before the process is launched, a run that would start it in another profile than {@code test}
         * (Quarkus' {@code prod} default when nothing sets {@code quarkus.test.integration-test-profile}).
         */
        @Override
        public Map<String, String> start() {
            String profile = ConfigProvider.getConfig()
                    .getOptionalValue("quarkus.test.integration-test-profile", String.class).orElse("prod");
            if (!PROFILE.equals(profile)) {
                throw new IllegalStateException("the packaged service would start in profile '" + profile
                        + "' (its databases, topic and OIDC server are the local platform's): quarkus.test"
                        + ".integration-test-profile must be 'test' (service-kit's microprofile-config.properties)");
            }
            Map<String, String> settings = new HashMap<>(more());
            settings.put("lobsterops.test.topic", KafkaTestClient.TOPIC);
            settings.put("lobsterops.test.db-suffix", TestRun.DB_SUFFIX);
            settings.put("lobsterops.test.tag", TestRun.TAG);
            // a plain Maven run's shared _test database may hold a newer checkout's migrations (another branch's tests
            // on this machine): Flyway validates what this build knows and leaves those alone instead of refusing
            settings.put("quarkus.flyway.ignore-migration-patterns", "*:future");
            return settings;
        }

        @Override
        public void stop() {
        }
    }
}
