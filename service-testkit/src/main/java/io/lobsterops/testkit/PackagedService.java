package io.lobsterops.testkit;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What every service's packaged-artifact test ({@code <Service>PackagedIT}, ADR 0031) checks first: the artifact, as it
 * ships (the jar here, the native executable under {@code -Dnative} where GraalVM exists), started as its own process
 * in the test profile against the real PostgreSQL and Kafka, is ready and refuses the anonymous and a forged token
 * with problems; then what the service adds ({@link #servesItsUsers()}). A subclass carries
 * {@code @QuarkusIntegrationTest}, the OIDC test server and its {@link Settings} as
 * {@code @QuarkusTestResource(value = …, restrictToAnnotatedClass = true)}.
 */
public abstract class PackagedService {

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
     * What the launched process needs beyond the test profile (it does not inherit the test JVM's properties): the
     * module's own test topic, and what {@link #more()} adds.
     */
    public abstract static class Settings implements QuarkusTestResourceLifecycleManager {

        /** The service's own settings for the launched process; none by default. */
        protected Map<String, String> more() {
            return Map.of();
        }

        @Override
        public Map<String, String> start() {
            Map<String, String> settings = new HashMap<>(more());
            settings.put("lobsterops.test.topic", KafkaTestClient.TOPIC);
            return settings;
        }

        @Override
        public void stop() {
        }
    }
}
