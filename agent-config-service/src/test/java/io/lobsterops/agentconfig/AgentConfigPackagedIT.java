package io.lobsterops.agentconfig;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.UUID;

import io.lobsterops.testkit.PackagedService;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * The packaged artifact ({@link PackagedService}: ready, refusing the anonymous): bad input answered with a problem,
 * and an authenticated user served through its database.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(value = AgentConfigPackagedIT.Settings.class, restrictToAnnotatedClass = true)
class AgentConfigPackagedIT extends PackagedService {

    /** Flyway's clean at start of the test profile off, so that the packaged run does not wipe the schema under a
     * concurrent test run. */
    public static class Settings extends PackagedService.Settings {
        @Override
        protected Map<String, String> more() {
            return Map.of("quarkus.flyway.clean-at-start", "false");
        }
    }

    @Override
    protected String protectedPath() {
        return "/questionnaires/current";
    }

    @Override
    protected void servesItsUsers() {
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType("application/json").body("{\"name\":")
                .patch("/engagements/{id}/agent", UUID.randomUUID()).then(), 400, "malformed-request");

        given().auth().oauth2(Tokens.client("packaged")).get("/questionnaires/current").then().statusCode(200)
                .body("current", equalTo(true)).body("version", notNullValue())
                .body("questions.id", hasItem("activity"));
    }
}
