package io.lobsterops.billing;

import static io.lobsterops.billing.Billing.PATIENCE;
import static io.lobsterops.billing.Billing.awaitPaymentLink;
import static io.lobsterops.billing.Billing.contract;
import static io.lobsterops.billing.Billing.newClientId;
import static io.lobsterops.billing.Billing.openEngagement;
import static io.lobsterops.billing.Billing.signedWithDeposit;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.events.EventTypes;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class InvoiceTest {

    @Test
    void theSignatureIssuesANumberedDepositInvoiceWithTheSellersMentions() throws Exception {
        UUID engagementId = openEngagement(newClientId());
        String invoiceId = signedWithDeposit(engagementId);
        given().auth().oauth2(Tokens.engineer()).get("/invoices/{id}", invoiceId).then().statusCode(200)
                .body("kind", equalTo("DEPOSIT")).body("status", equalTo("ISSUED"))
                .body("number", matchesPattern("LO-" + Year.now().getValue() + "-\\d{6}"))
                .body("sellerMentions", containsString("art. 293 B du CGI"))
                .body("vatRateBasisPoints", equalTo(0)).body("totalCents", equalTo(200_000))
                .body("lines", hasSize(1)).body("lines[0].amountCents", equalTo(200_000));

        String sessionId = awaitPaymentLink(invoiceId);
        ConsumerRecord<String, String> issued = KafkaTestClient.find(KafkaTestClient.TOPIC,
                KafkaTestClient.event(EventTypes.INVOICE_ISSUED, engagementId), PATIENCE)
                .orElseThrow(() -> new AssertionError("invoice.issued was not published"));
        JsonNode payload = new ObjectMapper().readTree(issued.value());
        assertEquals(invoiceId, payload.get("invoiceId").asText());
        assertEquals("DEPOSIT", payload.get("kind").asText());
        assertEquals(200_000, payload.get("totalCents").asLong());
        assertTrue(payload.get("paymentUrl").asText().endsWith(sessionId), payload.toString());
    }

    @Test
    void theVatRateFollowsTheClientsCountry() {
        UUID engagementId = openEngagement(newClientId());
        String invoiceId = signedWithDeposit(engagementId, contract("clientCountry", "DE"));
        given().auth().oauth2(Tokens.engineer()).get("/invoices/{id}", invoiceId).then().statusCode(200)
                .body("clientCountry", equalTo("DE")).body("vatRateBasisPoints", equalTo(1900))
                .body("subtotalCents", equalTo(200_000)).body("vatCents", equalTo(38_000))
                .body("totalCents", equalTo(238_000));
    }

    @Test
    void anInvoiceIsAPdfWhenAskedFor() throws Exception {
        UUID engagementId = openEngagement(newClientId());
        String invoiceId = signedWithDeposit(engagementId);
        String number = given().auth().oauth2(Tokens.engineer()).get("/invoices/{id}", invoiceId).then()
                .extract().path("number");
        byte[] pdf = given().auth().oauth2(Tokens.engineer()).accept("application/pdf")
                .get("/invoices/{id}", invoiceId).then().statusCode(200).contentType("application/pdf")
                .extract().asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains(number), text);
            assertTrue(text.contains("TVA non applicable"), text);
            assertTrue(text.contains("2000.00 EUR"), text);
        }
    }

    @Test
    void invoiceNumbersHaveNoHolesWhenIssuedConcurrently() {
        List<UUID> engagements = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            engagements.add(openEngagement(newClientId()));
        }
        List<CompletableFuture<String>> signing = engagements.stream()
                .map(id -> CompletableFuture.supplyAsync(() -> signedWithDeposit(id))).toList();
        List<Integer> sequences = signing.stream().map(CompletableFuture::join)
                .map(id -> given().auth().oauth2(Tokens.engineer()).get("/invoices/{id}", id).then()
                        .extract().<String> path("number"))
                .map(number -> Integer.parseInt(number.substring(number.lastIndexOf('-') + 1)))
                .sorted().toList();
        assertEquals(4, sequences.stream().distinct().count(), sequences.toString());
        // every number of the year, from any test, any kind: one after the other
        String csv = given().auth().oauth2(Tokens.supervisor()).accept("text/csv")
                .get("/exports/invoices/{month}", java.time.YearMonth.now().toString()).then().statusCode(200)
                .extract().asString();
        List<Integer> all = csv.lines().skip(1).map(line -> line.split(",")[0])
                .filter(number -> number.startsWith("LO-" + Year.now().getValue() + "-"))
                .map(number -> Integer.parseInt(number.substring(number.lastIndexOf('-') + 1))).sorted().toList();
        assertTrue(all.containsAll(sequences), all + " lacks " + sequences);
        for (int i = 1; i < all.size(); i++) {
            assertEquals(all.get(i - 1) + 1, all.get(i), "a hole or a duplicate in " + all);
        }
    }

    @Test
    void aClientSeesOnlyItsOwnInvoices() {
        String mine = newClientId();
        UUID own = openEngagement(mine);
        UUID other = openEngagement(newClientId());
        String ownInvoice = signedWithDeposit(own);
        String otherInvoice = signedWithDeposit(other);
        given().auth().oauth2(Tokens.client(mine)).get("/engagements/{id}/invoices", own).then().statusCode(200)
                .body("", hasSize(1)).body("[0].id", equalTo(ownInvoice));
        given().auth().oauth2(Tokens.client(mine)).get("/invoices/{id}", ownInvoice).then().statusCode(200);
        given().auth().oauth2(Tokens.client(mine)).accept("application/pdf").get("/invoices/{id}", ownInvoice)
                .then().statusCode(200);
        assertProblem(given().auth().oauth2(Tokens.client(mine)).get("/engagements/{id}/invoices", other).then(),
                404, "not-found");
        assertProblem(given().auth().oauth2(Tokens.client(mine)).get("/invoices/{id}", otherInvoice).then(), 404,
                "not-found");
        given().auth().oauth2(Tokens.client(mine)).accept("application/pdf").get("/invoices/{id}", otherInvoice)
                .then().statusCode(404);
    }

    @Test
    void invoicesNeedATokenWithARole() {
        assertProblem(given().get("/invoices/{id}", UUID.randomUUID()).then(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(Tokens.noRole()).get("/invoices/{id}", UUID.randomUUID()).then(), 403,
                "forbidden");
        assertProblem(given().auth().oauth2(Tokens.clientWithoutClaim()).get("/invoices/{id}", UUID.randomUUID())
                .then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.engineer()).get("/invoices/{id}", UUID.randomUUID()).then(), 404,
                "not-found");
        assertProblem(given().auth().oauth2(Tokens.engineer()).get("/invoices/not-a-uuid").then(), 404,
                "not-found");
        assertProblem(given().auth().oauth2(Tokens.engineer()).accept("text/csv")
                .get("/exports/invoices/{month}", "2026-11").then(), 403, "forbidden");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).accept("text/csv")
                .get("/exports/invoices/{month}", "2026-13").then(), 400, "bad-request");
    }

    @Test
    void aCreditNoteCancelsAnInvoiceOnce() {
        UUID engagementId = openEngagement(newClientId());
        String invoiceId = signedWithDeposit(engagementId);
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType("application/json")
                .body("{\"reason\":\"wrong amount\"}").post("/invoices/{id}/credit-note", invoiceId).then(), 403,
                "forbidden");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType("application/json")
                .body("{}").post("/invoices/{id}/credit-note", invoiceId).then(), 400, "validation");
        given().auth().oauth2(Tokens.supervisor()).contentType("application/json")
                .body("{\"reason\":\"wrong amount\"}").post("/invoices/{id}/credit-note", invoiceId).then()
                .statusCode(201).body("kind", equalTo("CREDIT_NOTE")).body("totalCents", equalTo(-200_000))
                .body("creditedInvoiceId", equalTo(invoiceId)).body("reason", containsString("wrong amount"));
        given().auth().oauth2(Tokens.engineer()).get("/invoices/{id}", invoiceId).then()
                .body("status", equalTo("CREDITED"));
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType("application/json")
                .body("{\"reason\":\"again\"}").post("/invoices/{id}/credit-note", invoiceId).then(), 409,
                "invoice-not-creditable");
    }
}
