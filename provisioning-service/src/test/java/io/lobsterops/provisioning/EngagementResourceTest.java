package io.lobsterops.provisioning;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.CloudEventHeaders;
import io.lobsterops.events.EventTypes;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class EngagementResourceTest {

    static String newClientId() {
        return "client-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> openRequest(String clientId, String clientName) {
        return Map.of("clientId", clientId, "clientName", clientName, "contactName", "Ada Lovelace",
                "contactEmail", "ada@" + clientId + ".test", "sector", "logistics", "region", "eu-west");
    }

    static UUID open(String token, String clientId, String clientName) {
        return UUID.fromString(given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(openRequest(clientId, clientName))
                .post("/engagements").then().statusCode(201).extract().path("id"));
    }

    static void move(UUID id, String stage) {
        given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(Map.of("stage", stage))
                .post("/engagements/{id}/stage", id).then().statusCode(200).body("stage", equalTo(stage));
    }

    @Test
    void openingAnEngagementAnswersCreatedAndPublishesEngagementOpened() {
        String clientId = newClientId();
        Response response = given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(openRequest(clientId, "Acme Logistics")).post("/engagements");
        response.then().statusCode(201)
                .header("Location", containsString("/engagements/"))
                .body("clientId", equalTo(clientId))
                .body("clientName", equalTo("Acme Logistics"))
                .body("stage", equalTo("LEAD"))
                .body("openedBy", equalTo("eric"))
                .body("nextStages", hasItem("DISCOVERY"));
        UUID id = UUID.fromString(response.path("id"));
        assertTrue(response.header("Location").endsWith("/engagements/" + id));

        ConsumerRecord<String, String> record = KafkaTestClient
                .find(KafkaTestClient.TOPIC, KafkaTestClient.event(EventTypes.ENGAGEMENT_OPENED, id), Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("engagement.opened was not published"));
        assertEquals(id.toString(), record.key());
        assertEquals("1.0", KafkaTestClient.header(record, CloudEventHeaders.SPEC_VERSION));
        assertEquals("/lobsterops/provisioning-service", KafkaTestClient.header(record, CloudEventHeaders.SOURCE));
        assertEquals("application/json", KafkaTestClient.header(record, CloudEventHeaders.CONTENT_TYPE));
        assertTrue(record.value().contains("\"clientId\":\"" + clientId + "\""), record.value());
        assertTrue(record.value().contains("\"stage\":\"LEAD\""), record.value());

        given().auth().oauth2(Tokens.supervisor()).get("/engagements/{id}", id).then().statusCode(200)
                .body("id", equalTo(id.toString())).body("contactEmail", equalTo("ada@" + clientId + ".test"));
    }

    @Test
    void anExistingClientIsReusedByItsSlug() {
        String clientId = newClientId();
        UUID first = open(Tokens.engineer(), clientId, "Globex");
        UUID second = open(Tokens.supervisor(), clientId, "globex");
        given().auth().oauth2(Tokens.engineer()).queryParam("clientId", clientId).get("/engagements").then()
                .statusCode(200).body("total", equalTo(2)).body("items.id", hasItem(first.toString()))
                .body("items.id", hasItem(second.toString())).body("items.clientName", everyItem(equalTo("Globex")));
    }

    @Test
    void anExistingSlugUnderAnotherNameIsAConflict() {
        String clientId = newClientId();
        open(Tokens.engineer(), clientId, "Initech");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(openRequest(clientId, "Umbrella")).post("/engagements").then(), 409, "client-name-mismatch")
                .body("detail", containsString("Initech"));
    }

    @Test
    void invalidFieldsAreReportedOneByOne() {
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("clientId", "Not A Slug!", "clientName", " ", "contactEmail", "nope"))
                .post("/engagements").then(), 400, "validation")
                .body("violations.field", hasItem("clientId"))
                .body("violations.field", hasItem("clientName"))
                .body("violations.field", hasItem("contactEmail"));
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body("{\"clientId\": \"acme\", ").post("/engagements").then(), 400, "malformed-request");
    }

    @Test
    void anEmptyBodyIsABadRequest() {
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .post("/engagements").then(), 400, "validation");
    }

    @Test
    void anUnknownStageIsABadRequest() {
        UUID id = open(Tokens.engineer(), newClientId(), "Hooli");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("stage", "PARTY")).post("/engagements/{id}/stage", id).then(), 400, "malformed-request")
                .body("detail", containsString("stage"));
    }

    @Test
    void aRequestWithoutTokenIsUnauthorized() {
        assertProblem(given().get("/engagements").then(), 401, "unauthorized")
                .header("WWW-Authenticate", containsString("Bearer"));
        assertProblem(given().contentType(ContentType.JSON).body(openRequest(newClientId(), "X"))
                .post("/engagements").then(), 401, "unauthorized");
    }

    @Test
    void aForgedTokenIsUnauthorized() {
        assertProblem(given().auth().oauth2(Tokens.forged()).get("/engagements").then(), 401, "unauthorized");
    }

    @Test
    void aClientCannotOpenEngagements() {
        assertProblem(given().auth().oauth2(Tokens.client("acme")).contentType(ContentType.JSON)
                .body(openRequest(newClientId(), "Sneaky")).post("/engagements").then(), 403, "forbidden");
    }

    @Test
    void aTokenWithoutARoleIsForbidden() {
        assertProblem(given().auth().oauth2(Tokens.noRole()).get("/engagements").then(), 403, "forbidden");
    }

    @Test
    void aClientTokenWithoutClientIdIsForbidden() {
        assertProblem(given().auth().oauth2(Tokens.clientWithoutClaim()).get("/engagements").then(), 403, "forbidden");
    }

    @Test
    void anUnknownEngagementIsNotFound() {
        assertProblem(given().auth().oauth2(Tokens.supervisor()).get("/engagements/{id}", UUID.randomUUID()).then(),
                404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).get("/engagements/not-a-uuid").then(), 404,
                "not-found");
    }

    @Test
    void aClientSeesOnlyItsOwnEngagements() {
        String mine = newClientId();
        String theirs = newClientId();
        UUID own = open(Tokens.engineer(), mine, "Mine Ltd");
        UUID other = open(Tokens.engineer(), theirs, "Theirs Ltd");

        given().auth().oauth2(Tokens.client(mine)).get("/engagements/{id}", own).then().statusCode(200)
                .body("clientId", equalTo(mine));
        assertProblem(given().auth().oauth2(Tokens.client(mine)).get("/engagements/{id}", other).then(), 404,
                "not-found");
        assertProblem(given().auth().oauth2(Tokens.client(mine)).get("/engagements/{id}/history", other).then(), 404,
                "not-found");
        given().auth().oauth2(Tokens.client(mine)).get("/engagements").then().statusCode(200)
                .body("total", equalTo(1)).body("items", hasSize(1)).body("items[0].id", equalTo(own.toString()));
        // asking for the other client by filter still shows nothing of theirs
        given().auth().oauth2(Tokens.client(mine)).queryParam("clientId", theirs).get("/engagements").then()
                .statusCode(200).body("total", equalTo(0));
    }

    @Test
    void listsArePagedFilteredAndCapped() {
        String clientId = newClientId();
        for (int i = 0; i < 3; i++) {
            open(Tokens.engineer(), clientId, "Paged Corp");
        }
        given().auth().oauth2(Tokens.engineer()).queryParam("clientId", clientId).queryParam("size", 2)
                .get("/engagements").then().statusCode(200)
                .body("items", hasSize(2)).body("total", equalTo(3)).body("page", equalTo(0)).body("size", equalTo(2));
        given().auth().oauth2(Tokens.engineer()).queryParam("clientId", clientId).queryParam("size", 2)
                .queryParam("page", 1).get("/engagements").then().statusCode(200).body("items", hasSize(1));
        given().auth().oauth2(Tokens.engineer()).queryParam("clientId", clientId).queryParam("stage", "LEAD")
                .queryParam("q", "paged").get("/engagements").then().statusCode(200).body("total", equalTo(3));
        given().auth().oauth2(Tokens.engineer()).queryParam("clientId", clientId).queryParam("stage", "LIVE")
                .get("/engagements").then().statusCode(200).body("total", equalTo(0));
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("size", 1000).get("/engagements").then(),
                400, "validation").body("violations[0].field", equalTo("size"));
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("page", -1).get("/engagements").then(),
                400, "validation");
    }

    @Test
    void theLifecycleMovesStepByStepAndPublishesEachChange() {
        UUID id = open(Tokens.engineer(), newClientId(), "Stepper");
        move(id, "DISCOVERY");
        move(id, "PROPOSAL");
        ConsumerRecord<String, String> record = KafkaTestClient
                .findAll(KafkaTestClient.TOPIC, KafkaTestClient.event(EventTypes.ENGAGEMENT_STAGE_CHANGED, id), 2,
                        Duration.ofSeconds(20))
                .stream().filter(r -> r.value().contains("\"to\":\"PROPOSAL\"")).findFirst()
                .orElseThrow(() -> new AssertionError("stage-changed to PROPOSAL was not published"));
        assertTrue(record.value().contains("\"from\":\"DISCOVERY\""), record.value());
        assertTrue(record.value().contains("\"changedBy\":\"eric\""), record.value());

        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/history", id).then().statusCode(200)
                .body("to", equalTo(java.util.List.of("LEAD", "DISCOVERY", "PROPOSAL")));
    }

    @Test
    void anInvalidTransitionIsAConflictAndPublishesNothing() {
        UUID id = open(Tokens.engineer(), newClientId(), "Skipper");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("stage", "LIVE")).post("/engagements/{id}/stage", id).then(), 409,
                "invalid-stage-transition")
                .body("detail", containsString("LEAD")).body("detail", containsString("DISCOVERY"));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", id).then().body("stage", equalTo("LEAD"));
        // the opened event arrives; no stage change ever does
        KafkaTestClient.find(KafkaTestClient.TOPIC, KafkaTestClient.event(EventTypes.ENGAGEMENT_OPENED, id),
                Duration.ofSeconds(20)).orElseThrow();
        assertTrue(KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.ENGAGEMENT_STAGE_CHANGED, id), Duration.ofSeconds(3)).isEmpty());
    }

    @Test
    void movingAnUnknownEngagementIsNotFound() {
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("stage", "DISCOVERY")).post("/engagements/{id}/stage", UUID.randomUUID()).then(), 404,
                "not-found");
    }

    @Test
    void onlyASupervisorSuspendsAndResumingReturnsToTheSameStage() {
        UUID id = open(Tokens.engineer(), newClientId(), "Pausable");
        move(id, "DISCOVERY");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("stage", "SUSPENDED")).post("/engagements/{id}/stage", id).then(), 403, "forbidden");
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("stage", "SUSPENDED", "reason", "client asked to pause")).post("/engagements/{id}/stage", id)
                .then().statusCode(200).body("stage", equalTo("SUSPENDED")).body("suspendedFrom", equalTo("DISCOVERY"))
                .body("nextStages", hasItem("DISCOVERY")).body("nextStages", not(hasItem("PROPOSAL")));
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("stage", "PROPOSAL")).post("/engagements/{id}/stage", id).then(), 409,
                "invalid-stage-transition");
        move(id, "DISCOVERY");
    }

    @Test
    void aClientCannotMoveTheLifecycle() {
        String clientId = newClientId();
        UUID id = open(Tokens.engineer(), clientId, "Self Service");
        assertProblem(given().auth().oauth2(Tokens.client(clientId)).contentType(ContentType.JSON)
                .body(Map.of("stage", "DISCOVERY")).post("/engagements/{id}/stage", id).then(), 403, "forbidden");
    }

    @Test
    void anUnsupportedMediaTypeIsRefusedAsAProblem() {
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.TEXT).body("hello")
                .post("/engagements").then(), 415, "unsupported-media-type");
    }

    @Test
    void healthMetricsAndOpenApiAreOpen() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("Database connections health check"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("lobsterops_outbox_published_total"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/engagements"));
        given().get("/q/health/live").then().statusCode(200).body("status", endsWith("UP"));
    }
}
