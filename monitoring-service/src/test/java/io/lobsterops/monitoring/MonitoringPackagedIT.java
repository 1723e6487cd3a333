package io.lobsterops.monitoring;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

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
@QuarkusTestResource(value = MonitoringPackagedIT.Settings.class, restrictToAnnotatedClass = true)
class MonitoringPackagedIT extends PackagedService {

    /** The module's own test topic only: the SSH probes stay off, as in the test profile. */
    public static class Settings extends PackagedService.Settings {
    }

    @Override
    protected String protectedPath() {
        return "/escalations";
    }

    @Override
    protected void servesItsUsers() {
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("size", 0).get("/monitoring").then(), 400,
                "validation");
        assertProblem(given().auth().oauth2(Tokens.engineer()).get("/escalations/{id}", UUID.randomUUID()).then(), 404,
                "not-found");

        given().auth().oauth2(Tokens.engineer()).get("/escalations").then().statusCode(200)
                .body("page", equalTo(0)).body("total", notNullValue()).body("items", notNullValue());
    }
}
