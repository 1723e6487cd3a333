package io.lobsterops.billing;

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
@QuarkusTestResource(value = BillingPackagedIT.Settings.class, restrictToAnnotatedClass = true)
class BillingPackagedIT extends PackagedService {

    /**
     * Stripe's API base on a closed loopback port and its link sweep off, so that an invoice left in the test database
     * by another run calls nothing outside this machine.
     */
    public static class Settings extends PackagedService.Settings {
        @Override
        protected Map<String, String> more() {
            return Map.of("lobsterops.billing.stripe.api-base", "http://127.0.0.1:9",
                    "lobsterops.billing.stripe.link-sweep-every", "off");
        }
    }

    @Override
    protected String protectedPath() {
        return "/accounts";
    }

    @Override
    protected void servesItsUsers() {
        assertProblem(given().auth().oauth2(Tokens.noRole()).get("/accounts").then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("size", 0).get("/accounts").then(), 400,
                "validation");

        given().auth().oauth2(Tokens.supervisor()).get("/accounts").then().statusCode(200)
                .body("page", equalTo(0)).body("total", notNullValue()).body("items", notNullValue());
    }
}
