package io.lobsterops.billing;

import static io.lobsterops.billing.Billing.PATIENCE;
import static io.lobsterops.billing.Billing.contract;
import static io.lobsterops.billing.Billing.draft;
import static io.lobsterops.billing.Billing.newClientId;
import static io.lobsterops.billing.Billing.openEngagement;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.DiscoveryAnswered;
import io.lobsterops.events.UsageRecorded;
import io.lobsterops.testkit.Events;
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

    static DiscoveryAnswered.Answer answer(String id, String question, String answer) {
        return new DiscoveryAnswered.Answer(id, question, answer);
    }

    static DiscoveryAnswered answered(UUID engagementId, String clientId, Instant at,
            DiscoveryAnswered.Answer... answers) {
        return new DiscoveryAnswered(engagementId, clientId, "2026.1", List.of(answers), "user-of-" + clientId, at);
    }

    /** The document's PDF as text, white space collapsed (lines wrap where the layout wants). */
    static String pdfText(String documentId) throws Exception {
        byte[] pdf = given().auth().oauth2(Tokens.engineer()).accept("application/pdf")
                .get("/documents/{id}", documentId).then().statusCode(200).extract().asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
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
            assertTrue(text.replaceAll("\\s+", " ").contains("Drafted before any discovery answers were received."),
                    text);
        }
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/documents", engagementId).then()
                .statusCode(200).body("", hasSize(1));
    }

    @Test
    void aProposalIsWrittenFromTheClientsDiscoveryAnswersWithTheEngineersNotesAdded() throws Exception {
        String clientId = newClientId();
        UUID engagementId = openEngagement(clientId);
        draft(engagementId, contract()).then().statusCode(201);
        Instant answeredAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Events.publish(answered(engagementId, clientId, answeredAt,
                answer("activity", "What does your company do, and for whom?",
                        "We repair vintage lobster boats for Breton fishermen"),
                answer("repetitive-tasks", "Which repetitive tasks take your team's time every week?",
                        "Quote hull repairs\n\nChase unpaid invoices"),
                answer("tools", "Which tools does your team use?", "Gmail and a shared calendar"),
                answer("forbidden-topics", "Which topics must the agent never mention?", "competitor prices")));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/discovery", engagementId).then().statusCode(200)
                .body("answers", hasSize(4)).body("answeredBy", equalTo("user-of-" + clientId)));

        String proposal = given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body("{\"kind\":\"PROPOSAL\",\"scope\":[\"Weekly summary for the owner\"],\"timelineWeeks\":4}")
                .post("/engagements/{id}/documents", engagementId).then().statusCode(201)
                .body("discoveryAnsweredAt", notNullValue()).extract().path("id");
        String text = pdfText(proposal);
        assertTrue(text.contains("Written from the discovery answers given by user-of-" + clientId), text);
        assertTrue(text.contains("We repair vintage lobster boats for Breton fishermen"), text);
        assertTrue(text.contains("Task: Quote hull repairs") && text.contains("Task: Chase unpaid invoices"), text);
        assertTrue(text.contains("Works with: Gmail and a shared calendar"), text);
        assertTrue(text.contains("never mentions competitor prices"), text);
        assertTrue(text.contains("Weekly summary for the owner"), "the engineer's addition: " + text);
        assertTrue(text.contains("What does your company do, and for whom?"), "the answers' appendix: " + text);
        assertFalse(text.contains("before any discovery answers"), text);

        // new answers replace the copy (the tools answer withdrawn); an older state arriving late changes nothing
        Events.publish(answered(engagementId, clientId, answeredAt.plusSeconds(60),
                answer("activity", "What does your company do, and for whom?",
                        "We build and repair lobster boats in Roscoff")));
        Events.publish(answered(engagementId, clientId, answeredAt.minusSeconds(60),
                answer("activity", "What does your company do, and for whom?", "A stale answer")));
        UUID marker = UUID.randomUUID();
        Events.publish(new UsageRecorded(engagementId, clientId, marker, UUID.randomUUID(), "main",
                LocalDate.now(ZoneOffset.UTC), "gpt-test", 1, 1, 0, 0, 1, false, false, Instant.now()));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/usage", engagementId).then().statusCode(200)
                .body("usageId", hasItem(marker.toString())));   // everything published before it is applied
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/discovery", engagementId).then()
                .statusCode(200).body("answers", hasSize(1))
                .body("answers[0].answer", equalTo("We build and repair lobster boats in Roscoff"));
        String sow = given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body("{\"kind\":\"SOW\",\"timelineWeeks\":4}").post("/engagements/{id}/documents", engagementId)
                .then().statusCode(201).extract().path("id");
        String sowText = pdfText(sow);
        assertTrue(sowText.contains("Statement of work") && sowText.contains("lobster boats in Roscoff"), sowText);
        assertFalse(sowText.contains("Gmail") || sowText.contains("A stale answer"), sowText);
        assertTrue(pdfText(proposal).contains("vintage lobster boats"), "a drafted document never changes");
        assertProblem(given().auth().oauth2(Tokens.client(clientId)).get("/engagements/{id}/discovery", engagementId)
                .then(), 403, "forbidden");
    }

    @Test
    void aProposalDraftedBeforeAnyAnswersArrivedSaysSo() throws Exception {
        UUID engagementId = openEngagement(newClientId());
        draft(engagementId, contract()).then().statusCode(201);
        assertProblem(given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/discovery", engagementId)
                .then(), 404, "not-found");
        String id = given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body("{\"kind\":\"PROPOSAL\",\"timelineWeeks\":2}").post("/engagements/{id}/documents", engagementId)
                .then().statusCode(201).body("discoveryAnsweredAt", nullValue()).extract().path("id");
        String text = pdfText(id);
        assertTrue(text.contains("Drafted before any discovery answers were received."), text);
        assertTrue(text.contains("Use case Not known yet."), text);
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
