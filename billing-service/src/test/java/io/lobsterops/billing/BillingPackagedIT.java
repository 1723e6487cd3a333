package io.lobsterops.billing;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.Map;

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
@QuarkusTestResource(value = BillingPackagedIT.Settings.class, restrictToAnnotatedClass = true)
class BillingPackagedIT {

    /**
     * What the launched process needs beyond the test profile (it does not inherit the test JVM's properties): the
     * module's own test topic; Stripe's API base on a closed loopback port and its link sweep off,
     * so that an invoice left in the test database by another run calls nothing outside this machine.
     */
    public static class Settings implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("lobsterops.test.topic", KafkaTestClient.TOPIC,
                    "lobsterops.billing.stripe.api-base", "http://127.0.0.1:9",
                    "lobsterops.billing.stripe.link-sweep-every", "off");
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void thePackagedServiceIsReadyRefusesTheAnonymousAndServesAnAuthenticatedUser() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));

        assertProblem(given().get("/accounts").then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.forged()).get("/accounts").then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.noRole()).get("/accounts").then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("size", 0).get("/accounts").then(), 400,
                "validation");

        given().auth().oauth2(Tokens.supervisor()).get("/accounts").then().statusCode(200)
                .body("page", equalTo(0)).body("total", notNullValue()).body("items", notNullValue());
    }
}
