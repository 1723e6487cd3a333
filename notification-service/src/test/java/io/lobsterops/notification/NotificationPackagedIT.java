package io.lobsterops.notification;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

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
@QuarkusTestResource(value = NotificationPackagedIT.Settings.class, restrictToAnnotatedClass = true)
class NotificationPackagedIT extends PackagedService {

    /**
     * Telegram's API root on a closed loopback port, so that a delivery left queued in the test database by another
     * run goes nowhere outside this machine.
     */
    public static class Settings extends PackagedService.Settings {
        @Override
        protected Map<String, String> more() {
            return Map.of("lobsterops.notification.telegram.api-root", "http://127.0.0.1:9");
        }
    }

    @Override
    protected String protectedPath() {
        return "/inbox";
    }

    @Override
    protected void servesItsUsers() {
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("size", 0).get("/inbox").then(), 400,
                "validation");

        given().auth().oauth2(Tokens.engineer()).get("/inbox").then().statusCode(200)
                .body("page", equalTo(0)).body("total", notNullValue()).body("items", notNullValue());
    }
}
