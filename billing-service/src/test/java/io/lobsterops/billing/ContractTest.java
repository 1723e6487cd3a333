package io.lobsterops.billing;

import static io.lobsterops.billing.Billing.PATIENCE;
import static io.lobsterops.billing.Billing.contract;
import static io.lobsterops.billing.Billing.draft;
import static io.lobsterops.billing.Billing.newClientId;
import static io.lobsterops.billing.Billing.openEngagement;
import static io.lobsterops.billing.Billing.sign;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.events.EventTypes;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(LoopbackStripe.class)
class ContractTest {

    @Test
    void anEngineerDraftsAndASupervisorSignsWhichPublishesContractSigned() throws Exception {
        UUID engagementId = openEngagement(newClientId());
        draft(engagementId, contract()).then().statusCode(201)
                .header("Location", endsWith("/engagements/" + engagementId + "/contract/versions/1"))
                .body("version", equalTo(1)).body("status", equalTo("DRAFT"))
                .body("depositPercent", equalTo(50)).body("depositCents", equalTo(200_000))
                .body("balanceCents", equalTo(200_000)).body("balanceDueOn", equalTo("AGENT_STABLE"))
                .body("clientCountry", equalTo("FR")).body("draftedBy", equalTo("eric"));

        sign(engagementId, 1).then().statusCode(200)
                .body("status", equalTo("SIGNED")).body("signedBy", equalTo("sophie"))
                .body("depositInvoiceId", notNullValue());

        ConsumerRecord<String, String> signed = KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.CONTRACT_SIGNED, engagementId), PATIENCE)
                .orElseThrow(() -> new AssertionError("contract.signed was not published"));
        JsonNode payload = new ObjectMapper().readTree(signed.value());
        assertEquals(200_000, payload.get("depositCents").asLong());
        assertEquals(30_000, payload.get("maintenanceMonthlyCents").asLong());
        assertEquals("AGENCY", payload.get("tokenPayer").asText());
        assertEquals(2_000, payload.get("tokenMarkupBasisPoints").asInt());
        assertEquals("sophie", payload.get("signedBy").asText());
        assertEquals(engagementId.toString(), signed.key());
    }

    @Test
    void aSignedContractIsImmutableAndAnAmendmentIsANewVersion() {
        UUID engagementId = openEngagement(newClientId());
        draft(engagementId, contract()).then().statusCode(201);
        sign(engagementId, 1).then().statusCode(200);
        assertProblem(sign(engagementId, 1).then(), 409, "contract-signed");

        draft(engagementId, contract("maintenanceMonthlyCents", 45_000)).then().statusCode(201)
                .body("version", equalTo(2)).body("status", equalTo("DRAFT"));
        sign(engagementId, 2).then().statusCode(200).body("status", equalTo("SIGNED"))
                .body("depositInvoiceId", nullValue());   // the deposit was invoiced at the first signature

        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/contract/versions", engagementId).then()
                .statusCode(200).body("", hasSize(2))
                .body("[0].version", equalTo(2)).body("[0].status", equalTo("SIGNED"))
                .body("[1].version", equalTo(1)).body("[1].status", equalTo("SUPERSEDED"))
                .body("[1].maintenanceMonthlyCents", equalTo(30_000));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/contract", engagementId).then()
                .statusCode(200).body("version", equalTo(2)).body("maintenanceMonthlyCents", equalTo(45_000));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/invoices", engagementId).then()
                .statusCode(200).body("", hasSize(1)).body("kind", hasItem("DEPOSIT"));
    }

    @Test
    void draftsSentTogetherGetOneVersionEach() {
        UUID engagementId = openEngagement(newClientId());
        List<CompletableFuture<Integer>> drafts = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> draft(engagementId, contract()).then()
                        .statusCode(201).extract().<Integer> path("version")))
                .toList();
        assertEquals(List.of(1, 2, 3, 4), drafts.stream().map(CompletableFuture::join).sorted().toList());
    }

    @Test
    void onlyTheNewestDraftCanBeSigned() {
        UUID engagementId = openEngagement(newClientId());
        draft(engagementId, contract()).then().statusCode(201);
        draft(engagementId, contract("depositPercent", 30)).then().statusCode(201)
                .body("version", equalTo(2)).body("depositCents", equalTo(120_000));
        assertProblem(sign(engagementId, 1).then(), 409, "contract-not-latest");
        assertProblem(sign(engagementId, 7).then(), 404, "not-found");
        sign(engagementId, 2).then().statusCode(200);
    }

    @Test
    void invalidContractsAreRefusedWithAProblemAndNothingIsStored() {
        UUID engagementId = openEngagement(newClientId());
        var body = contract();
        body.remove("tokenPayer");
        assertProblem(draft(engagementId, body).then(), 400, "validation")
                .body("violations.field", hasItem("tokenPayer"));
        assertProblem(draft(engagementId, contract("currency", "XYZ")).then(), 400, "validation")
                .body("violations.field", hasItem("currency"));
        assertProblem(draft(engagementId, contract("clientCountry", "ZZ")).then(), 400, "validation")
                .body("violations.field", hasItem("clientCountry"));
        assertProblem(draft(engagementId, contract("depositPercent", 120)).then(), 400, "validation");
        assertProblem(draft(engagementId, contract("buildPriceCents", -1)).then(), 400, "validation");
        var ownTokens = contract("tokenPayer", "CLIENT");
        assertProblem(draft(engagementId, ownTokens).then(), 400, "validation")
                .body("violations.field", hasItem("tokenMarkupBasisPoints"));
        var nothing = contract("buildPriceCents", 0);
        nothing.put("maintenanceMonthlyCents", 0);
        assertProblem(draft(engagementId, nothing).then(), 400, "validation");
        assertProblem(draft(engagementId, contract("balanceDueOn", "NEVER")).then(), 400, "malformed-request");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body("{\"tier\":")
                .post("/engagements/{id}/contract", engagementId).then(), 400, "malformed-request");
        assertProblem(draft(UUID.randomUUID(), contract()).then(), 404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/contract", engagementId)
                .then(), 404, "not-found");
    }

    @Test
    void contractsAreForStaffAndOnlyASupervisorSigns() {
        String clientId = newClientId();
        UUID engagementId = openEngagement(clientId);
        assertProblem(given().contentType(ContentType.JSON).body(contract())
                .post("/engagements/{id}/contract", engagementId).then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.client(clientId)).contentType(ContentType.JSON).body(contract())
                .post("/engagements/{id}/contract", engagementId).then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.client(clientId))
                .get("/engagements/{id}/contract", engagementId).then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.noRole()).get("/engagements/{id}/contract", engagementId)
                .then(), 403, "forbidden");
        draft(engagementId, contract()).then().statusCode(201);
        assertProblem(given().auth().oauth2(Tokens.engineer())
                .post("/engagements/{id}/contract/versions/1/sign", engagementId).then(), 403, "forbidden");
        assertTrue(given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/contract", engagementId)
                .then().extract().path("status").equals("DRAFT"));
    }
}
