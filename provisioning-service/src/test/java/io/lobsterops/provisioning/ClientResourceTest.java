package io.lobsterops.provisioning;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.ClientEvent;
import io.lobsterops.events.EventTypes;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** A supervisor corrects a client created by mistake: rename, archive, audited and published (issue 16, ADR 0059). */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class ClientResourceTest {

    static final String REASON = "typo when the engagement was opened";

    static Response rename(String token, String clientId, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .put("/clients/{id}/name", clientId);
    }

    static Response rename(String token, String clientId, String json) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(json.getBytes(StandardCharsets.UTF_8))
                .put("/clients/{id}/name", clientId);
    }

    static Response archive(String token, String clientId) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", REASON))
                .post("/clients/{id}/archive", clientId);
    }

    static ConsumerRecord<String, String> published(String type, String clientId) {
        return KafkaTestClient.find(KafkaTestClient.TOPIC, KafkaTestClient.event(type, ClientEvent.keyOf(clientId)),
                Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError(type + " was not published"));
    }

    @Test
    void aRenameIsAuditedPublishedAndShownOnTheEngagements() {
        String clientId = EngagementResourceTest.newClientId();
        UUID engagement = EngagementResourceTest.open(Tokens.engineer(), clientId, "Acme Logisitcs");

        rename(Tokens.supervisor(), clientId, Map.of("name", "  Acme Logistics ", "reason", REASON)).then()
                .statusCode(200).body("name", equalTo("Acme Logistics")).body("archived", equalTo(false));

        given().auth().oauth2(Tokens.engineer()).get("/clients/{id}", clientId).then().statusCode(200)
                .body("name", equalTo("Acme Logistics"))
                .body("createdBy", equalTo("eric"))
                .body("history", hasSize(1))
                .body("history[0].kind", equalTo("RENAMED"))
                .body("history[0].oldName", equalTo("Acme Logisitcs"))
                .body("history[0].newName", equalTo("Acme Logistics"))
                .body("history[0].reason", equalTo(REASON))
                .body("history[0].changedBy", equalTo("sophie"))
                .body("history[0].changedAt", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}", engagement).then().statusCode(200)
                .body("clientName", equalTo("Acme Logistics"));

        ConsumerRecord<String, String> record = published(EventTypes.CLIENT_RENAMED, clientId);
        assertEquals(ClientEvent.keyOf(clientId).toString(), record.key());
        assertTrue(record.value().contains("\"oldName\":\"Acme Logisitcs\""), record.value());
        assertTrue(record.value().contains("\"newName\":\"Acme Logistics\""), record.value());
        assertTrue(record.value().contains("\"renamedBy\":\"sophie\""), record.value());
    }

    @Test
    void theSameNameAgainChangesNothing() {
        String clientId = EngagementResourceTest.newClientId();
        EngagementResourceTest.open(Tokens.engineer(), clientId, "Same Name");
        rename(Tokens.supervisor(), clientId, Map.of("name", "Same Name", "reason", REASON)).then().statusCode(200)
                .body("history", hasSize(0));
    }

    @Test
    void archivingIsRefusedWhileAnEngagementIsOpen() {
        String clientId = EngagementResourceTest.newClientId();
        EngagementResourceTest.open(Tokens.engineer(), clientId, "Still Open");
        assertProblem(archive(Tokens.supervisor(), clientId).then(), 409, "client-has-engagements")
                .body("detail", containsString("1 engagement"));
        given().auth().oauth2(Tokens.supervisor()).get("/clients/{id}", clientId).then().statusCode(200)
                .body("archived", equalTo(false)).body("history", hasSize(0));
    }

    @Test
    void aClientWhoseEngagementsAreAllTerminatedIsArchivedAndGetsNoNewEngagement() {
        String clientId = EngagementResourceTest.newClientId();
        UUID engagement = EngagementResourceTest.open(Tokens.engineer(), clientId, "Opened By Mistake");
        given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("stage", "TERMINATED", "reason", "opened by mistake"))
                .post("/engagements/{id}/stage", engagement).then().statusCode(200);

        archive(Tokens.supervisor(), clientId).then().statusCode(200)
                .body("archived", equalTo(true))
                .body("archivedBy", equalTo("sophie"))
                .body("history.kind", hasItem("ARCHIVED"))
                .body("history[0].reason", equalTo(REASON));
        assertTrue(published(EventTypes.CLIENT_ARCHIVED, clientId).value().contains("\"archivedBy\":\"sophie\""));

        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(EngagementResourceTest.openRequest(clientId, "Opened By Mistake")).post("/engagements").then(),
                409, "client-archived");
        assertProblem(rename(Tokens.supervisor(), clientId, Map.of("name", "Other", "reason", REASON)).then(), 409,
                "client-archived");
        assertProblem(archive(Tokens.supervisor(), clientId).then(), 409, "client-archived");
    }

    @Test
    void aBadNameIsABadRequestNamingTheField() {
        String clientId = EngagementResourceTest.newClientId();
        EngagementResourceTest.open(Tokens.engineer(), clientId, "Bad Names");
        for (String name : new String[] { "\"Ac\\u0000me\"", "\"\\u001b[31mAcme\"", "true", "42", "{\"a\":1}",
                "[\"Acme\"]" }) {
            String body = "{\"name\":" + name + ",\"reason\":\"" + REASON + "\"}";
            assertProblem(rename(Tokens.supervisor(), clientId, body).then(), 400,
                    "malformed-request").body("detail", containsString("name"));
        }
        for (Object name : new Object[] { "", "   ", "x".repeat(201) }) {
            assertProblem(rename(Tokens.supervisor(), clientId, Map.of("name", name, "reason", REASON)).then(), 400,
                    "validation").body("violations.field", hasItem("name"));
        }
        assertProblem(rename(Tokens.supervisor(), clientId, Map.of("name", "Fine")).then(), 400, "validation")
                .body("violations.field", hasItem("reason"));
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON).body("{\"reason\":7}")
                .post("/clients/{id}/archive", clientId).then(), 400, "malformed-request")
                .body("detail", containsString("reason"));
        given().auth().oauth2(Tokens.supervisor()).get("/clients/{id}", clientId).then()
                .body("name", equalTo("Bad Names")).body("history", hasSize(0));
    }

    @Test
    void onlyASupervisorCorrectsAndAClientSeesOnlyItsOwn() {
        String clientId = EngagementResourceTest.newClientId();
        EngagementResourceTest.open(Tokens.engineer(), clientId, "Tenant Check");
        assertProblem(rename(Tokens.engineer(), clientId, Map.of("name", "Other", "reason", REASON)).then(), 403,
                "forbidden");
        assertProblem(archive(Tokens.engineer(), clientId).then(), 403, "forbidden");
        assertProblem(rename(Tokens.client(clientId), clientId, Map.of("name", "Other", "reason", REASON)).then(),
                403, "forbidden");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("name", "Other", "reason", REASON))
                .put("/clients/{id}/name", clientId).then(), 401, "unauthorized");
        assertProblem(given().get("/clients/{id}", clientId).then(), 401, "unauthorized");

        given().auth().oauth2(Tokens.client(clientId)).get("/clients/{id}", clientId).then().statusCode(200)
                .body("name", equalTo("Tenant Check")).body("createdBy", nullValue()).body("history", hasSize(0));
        assertProblem(given().auth().oauth2(Tokens.client(EngagementResourceTest.newClientId()))
                .get("/clients/{id}", clientId).then(), 404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.client(clientId)).get("/clients").then(), 403, "forbidden");
        assertProblem(rename(Tokens.supervisor(), EngagementResourceTest.newClientId(),
                Map.of("name", "Nobody", "reason", REASON)).then(), 404, "not-found");
    }

    @Test
    void theListIsPagedAndCapped() {
        String clientId = EngagementResourceTest.newClientId();
        EngagementResourceTest.open(Tokens.engineer(), clientId, "Listed");
        given().auth().oauth2(Tokens.engineer()).queryParam("size", 1).get("/clients").then().statusCode(200)
                .body("items", hasSize(1)).body("size", equalTo(1))
                .body("total", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        assertProblem(given().auth().oauth2(Tokens.engineer()).queryParam("size", 101).get("/clients").then(), 400,
                "validation");
    }
}
