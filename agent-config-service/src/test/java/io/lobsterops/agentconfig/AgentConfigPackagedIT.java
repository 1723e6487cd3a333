package io.lobsterops.agentconfig;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The packaged artifact, as it ships (the jar here, the native executable under {@code -Dnative} where GraalVM
 * exists), started as its own process in the test profile against the real PostgreSQL and Kafka: ready, refusing the
 * anonymous and bad input with problems, and serving an authenticated user through its database.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(value = AgentConfigPackagedIT.Settings.class, restrictToAnnotatedClass = true)
class AgentConfigPackagedIT {

    /**
     * What the launched process needs beyond the test profile (it does not inherit the test JVM's properties): the
     * module's own test topic; Flyway's clean at start of the test profile is off, so that
     * the packaged run does not wipe the schema under a concurrent test run.
     */
    public static class Settings implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("lobsterops.test.topic", KafkaTestClient.TOPIC,
                    "quarkus.flyway.clean-at-start", "false");
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void thePackagedServiceIsReadyRefusesTheAnonymousAndServesAnAuthenticatedUser() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));

        assertProblem(given().get("/questionnaires/current").then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.forged()).get("/questionnaires/current").then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType("application/json").body("{\"name\":")
                .patch("/engagements/{id}/agent", UUID.randomUUID()).then(), 400, "malformed-request");

        given().auth().oauth2(Tokens.client("packaged")).get("/questionnaires/current").then().statusCode(200)
                .body("current", equalTo(true)).body("version", notNullValue())
                .body("questions.id", hasItem("activity"));
    }
}
