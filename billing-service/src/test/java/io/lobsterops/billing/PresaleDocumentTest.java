package io.lobsterops.billing;

import static io.lobsterops.billing.Billing.contract;
import static io.lobsterops.billing.Billing.draft;
import static io.lobsterops.billing.Billing.newClientId;
import static io.lobsterops.billing.Billing.openEngagement;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import io.lobsterops.testkit.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class PresaleDocumentTest {

    static String request(String kind) {
        return """
                {"kind":"%s","useCase":"Answer shipment-status questions from customers on Telegram",
                 "proposedAgent":"Ops assistant reading the TMS, escalating delays to a human",
                 "scope":["Telegram channel","Daily delay report"],
                 "acceptanceCriteria":["90 %% of status questions answered without a human"],
                 "timelineWeeks":3}""".formatted(kind);
    }

    static String draftDocument(UUID engagementId, String kind) {
        return given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(request(kind))
                .post("/engagements/{id}/documents", engagementId).then().statusCode(201)
                .body("status", equalTo("DRAFT")).body("author", equalTo("eric")).extract().path("id");
    }

    static io.restassured.response.Response review(String token, String id, String decision) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"decision\":\"" + decision + "\",\"reason\":\"prices and scope checked\"}")
                .post("/documents/{id}/review", id);
    }

    @Test
    void aProposalIsReviewedByAnotherSupervisorBeforeItIsSent() throws Exception {
        String clientId = newClientId();
        UUID engagementId = openEngagement(clientId);
        draft(engagementId, contract()).then().statusCode(201);
        String id = draftDocument(engagementId, "PROPOSAL");

        assertProblem(given().auth().oauth2(Tokens.engineer()).post("/documents/{id}/sent", id).then(), 409,
                "document-not-approved");
        assertProblem(review(Tokens.engineer(), id, "GO").then(), 403, "forbidden");
        review(Tokens.supervisor(), id, "GO").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("reviewer", equalTo("sophie"))
                .body("decision", equalTo("GO")).body("decisionReason", equalTo("prices and scope checked"));
        assertProblem(review(Tokens.otherSupervisor(), id, "NO_GO").then(), 409, "document-reviewed");
        given().auth().oauth2(Tokens.engineer()).post("/documents/{id}/sent", id).then().statusCode(200)
                .body("status", equalTo("SENT")).body("sentBy", equalTo("eric"));

        byte[] pdf = given().auth().oauth2(Tokens.engineer()).accept("application/pdf").get("/documents/{id}", id)
                .then().statusCode(200).extract().asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("Proposal: Client " + clientId), text);
            assertTrue(text.contains("4000.00 EUR") && text.contains("2000.00 EUR"), text);
            assertTrue(text.contains("shipment-status"), text);
        }
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/documents", engagementId).then()
                .statusCode(200).body("", hasSize(1));
    }

    @Test
    void theAuthorCannotApproveTheirOwnDocumentAndNoGoIsNeverSent() {
        UUID engagementId = openEngagement(newClientId());
        draft(engagementId, contract()).then().statusCode(201);
        String own = given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON).body(request("SOW"))
                .post("/engagements/{id}/documents", engagementId).then().statusCode(201).extract().path("id");
        assertProblem(review(Tokens.supervisor(), own, "GO").then(), 409, "four-eyes");
        review(Tokens.otherSupervisor(), own, "NO_GO").then().statusCode(200).body("status", equalTo("REJECTED"))
                .body("reviewer", equalTo("samuel"));
        assertProblem(given().auth().oauth2(Tokens.supervisor()).post("/documents/{id}/sent", own).then(), 409,
                "document-not-approved");
    }

    @Test
    void documentsNeedAContractValidInputAndStaff() {
        String clientId = newClientId();
        UUID engagementId = openEngagement(clientId);
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON).body(request("SOW"))
                .post("/engagements/{id}/documents", engagementId).then(), 409, "no-contract");
        draft(engagementId, contract()).then().statusCode(201);
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body("{\"kind\":\"SOW\",\"useCase\":\"\",\"scope\":[],\"timelineWeeks\":0}")
                .post("/engagements/{id}/documents", engagementId).then(), 400, "validation");
        assertProblem(given().auth().oauth2(Tokens.client(clientId)).get("/engagements/{id}/documents", engagementId)
                .then(), 403, "forbidden");
        assertProblem(given().get("/documents/{id}", UUID.randomUUID()).then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.engineer()).get("/documents/{id}", UUID.randomUUID()).then(), 404,
                "not-found");
    }
}
