package io.lobsterops.provisioning;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.lobsterops.events.EventTypes;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.PackagedService;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;

/**
 * The packaged artifact ({@link PackagedService}: ready, refusing the anonymous): bad input answered with a problem,
 * and a supervisor served, down to the contract event its outbox publishes (a payload record serialized by Jackson:
 * what a native image keeps only when registered).
 */
@QuarkusIntegrationTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(value = ProvisioningPackagedIT.Settings.class, restrictToAnnotatedClass = true)
class ProvisioningPackagedIT extends PackagedService {

    /** The module's own test topic only. */
    public static class Settings extends PackagedService.Settings {
    }

    @Override
    protected String protectedPath() {
        return "/engagements";
    }

    @Override
    protected void servesItsUsers() {
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("size", 0).get("/engagements").then(), 400,
                "validation");

        String clientId = "packaged-" + UUID.randomUUID().toString().substring(0, 8);
        UUID id = UUID.fromString(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("clientId", clientId, "clientName", "Packaged Ltd", "contactName", "Ada Lovelace",
                        "contactEmail", "ada@" + clientId + ".test", "sector", "logistics", "region", "eu-west"))
                .post("/engagements").then().statusCode(201).body("stage", equalTo("LEAD"))
                .extract().path("id"));
        given().auth().oauth2(Tokens.supervisor()).queryParam("clientId", clientId).get("/engagements").then()
                .statusCode(200).body("total", equalTo(1)).body("items.id", hasItem(id.toString()));

        ConsumerRecord<String, String> opened = KafkaTestClient
                .find(KafkaTestClient.TOPIC, KafkaTestClient.event(EventTypes.ENGAGEMENT_OPENED, id), Duration.ofSeconds(90))
                .orElseThrow(() -> new AssertionError("the packaged service published no engagement.opened"));
        assertTrue(opened.value().contains("\"clientId\":\"" + clientId + "\""), opened.value());
        assertTrue(opened.value().contains("\"stage\":\"LEAD\""), opened.value());
    }
}
