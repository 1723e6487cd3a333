package io.lobsterops.notification;

import static io.lobsterops.notification.support.Fixtures.PATIENCE;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.lobsterops.events.InvoiceIssued;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.notification.support.FakeSlack;
import io.lobsterops.notification.support.Fixtures;
import io.lobsterops.notification.support.LoopbackChannels;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class EmailAndSlackTest {

    @Inject
    AgroalDataSource db;

    static InvoiceIssued invoice(String clientId) {
        return new InvoiceIssued(UUID.randomUUID(), clientId, UUID.randomUUID(), "F-<" + clientId + ">",
                InvoiceKind.values()[0], 1_250_00, "EUR", LocalDate.parse("2026-12-31"), "https://pay.example/x?a=1&b=2",
                Fixtures.now());
    }

    static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(LoopbackChannels.mail().getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    static String clientMessageId(UUID engagementId) {
        return Fixtures.inbox(Map.of("engagementId", engagementId)).extract()
                .path("items.find { it.audience == 'CLIENT' }.id");
    }

    @Test
    void aClientMessageIsEmailedAsHtmlAndTextOverSmtp() throws Exception {
        String clientId = Fixtures.newClientId();
        String address = "ops@" + clientId + ".test";
        Fixtures.destination(Map.of("name", "Ops of " + clientId, "channel", "EMAIL", "clientId", clientId,
                "address", address));
        InvoiceIssued issued = invoice(clientId);
        Events.publish(issued);

        await().atMost(PATIENCE).until(() -> !mailTo(address).isEmpty());
        MimeMessage mail = mailTo(address).getFirst();
        assertEquals("[LobsterOps] Invoice F-<" + clientId + ">", mail.getSubject());
        Multipart alternatives = (Multipart) mail.getContent();
        String text = null;
        String html = null;
        for (int i = 0; i < alternatives.getCount(); i++) {
            var part = alternatives.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                text = part.getContent().toString();
            } else if (part.isMimeType("text/html")) {
                html = part.getContent().toString();
            }
        }
        assertTrue(text != null && text.contains("Your invoice F-<" + clientId + "> of 1250.00 EUR is due on "
                + "2026-12-31."), text);
        assertTrue(html != null && html.contains("<strong>F-&lt;" + clientId + "&gt;</strong>"), html);
        assertTrue(html.contains("https://pay.example/x?a=1&amp;b=2"), html);
        String messageId = clientMessageId(issued.engagementId());
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.deliveriesOf(messageId)
                .body("items[0].status", equalTo("SENT"))
                .body("items[0].receipt", startsWith("smtp accepted message-id ")));
        assertEquals(1, mailTo(address).size());
    }

    @Test
    void aClientMessageIsPostedToItsSlackWebhookWhoseUrlIsSealedAndNeverShown() throws Exception {
        String clientId = Fixtures.newClientId();
        FakeSlack slack = LoopbackChannels.slack();
        String webhook = slack.webhook("ok-" + clientId);
        String id = Fixtures.destination(Map.of("name", "#lobsterops", "channel", "SLACK", "clientId", clientId,
                "secret", webhook));
        Events.publish(invoice(clientId));

        await().atMost(PATIENCE).until(() -> !slack.postsTo(webhook).isEmpty());
        String text = slack.postsTo(webhook).getFirst().body().path("text").asText();
        assertTrue(text.startsWith("*Invoice F-&lt;" + clientId + "&gt;*"), text);
        assertTrue(text.contains("*F-&lt;" + clientId + "&gt;*"), text);

        given().auth().oauth2(Tokens.supervisor()).get("/destinations/{id}", id).then().statusCode(200)
                .body("hasSecret", equalTo(true)).body(not(containsString("ok-" + clientId)));
        given().auth().oauth2(Tokens.engineer()).queryParam("clientId", clientId).get("/destinations").then()
                .statusCode(200).body("total", equalTo(1)).body(not(containsString("ok-" + clientId)));
        try (Connection connection = db.getConnection(); PreparedStatement query = connection.prepareStatement(
                "select secret_sealed from destination where id = ?")) {
            query.setObject(1, UUID.fromString(id));
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                assertTrue(row.getString(1).startsWith("v1:"));
                assertFalse(row.getString(1).contains(clientId));
            }
        }
    }

    @Test
    void aRevokedSlackWebhookIsDeadAtOnceWithoutItsUrlInTheError() {
        String clientId = Fixtures.newClientId();
        String webhook = LoopbackChannels.slack().webhook("gone-" + clientId);
        Fixtures.destination(Map.of("name", "#old", "channel", "SLACK", "clientId", clientId, "secret", webhook));
        InvoiceIssued issued = invoice(clientId);
        Events.publish(issued);

        await().atMost(PATIENCE).until(() -> clientMessageId(issued.engagementId()) != null);
        String messageId = clientMessageId(issued.engagementId());
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.deliveriesOf(messageId)
                .body("items[0].status", equalTo("DEAD")).body("items[0].attempts", equalTo(1))
                .body("items[0].lastError", equalTo("Slack answered 404: no_service"))
                .body(not(containsString("gone-" + clientId))));
    }

    @Test
    void aBadDestinationIsRefusedWithAProblem() {
        Map<String, Object> telegram = Map.of("name", "x", "channel", "TELEGRAM", "clientId", "acme", "address",
                "not a chat");
        assertProblem(post(telegram), 400, "validation");
        assertProblem(post(Map.of("name", "x", "channel", "TELEGRAM", "address", "-1", "secret", "nope")), 400,
                "validation");
        assertProblem(post(Map.of("name", "x", "channel", "EMAIL", "clientId", "acme", "address", "no-at-sign")), 400,
                "validation");
        assertProblem(post(Map.of("name", "x", "channel", "SLACK", "clientId", "acme")), 400, "validation");
        assertProblem(post(Map.of("name", "x", "channel", "SLACK", "clientId", "acme", "secret", "ftp://x")), 400,
                "validation");
        assertProblem(post(Map.of("name", "x", "channel", "TELEGRAM", "clientId", "acme", "address", "-1",
                "onDutyRank", 1)), 400, "validation");
        assertProblem(post(Map.of("channel", "TELEGRAM", "address", "-1")), 400, "validation");
        assertProblem(given().auth().oauth2(Tokens.engineer()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "channel", "TELEGRAM", "address", "-1")).post("/destinations").then(), 403,
                "forbidden");
        String id = Fixtures.destination(Map.of("name", "acme group", "channel", "TELEGRAM", "clientId", "acme",
                "address", "-5"));
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("name", "moved", "channel", "TELEGRAM", "clientId", "other", "address", "-5"))
                .put("/destinations/{id}", id).then(), 409, "conflict");
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("name", "now slack", "channel", "SLACK", "clientId", "acme"))
                .put("/destinations/{id}", id).then(), 400, "validation");
        given().auth().oauth2(Tokens.supervisor()).delete("/destinations/{id}", id).then().statusCode(204);
        assertProblem(given().auth().oauth2(Tokens.supervisor()).delete("/destinations/{id}", id).then(), 404,
                "not-found");
    }

    static io.restassured.response.ValidatableResponse post(Map<String, Object> body) {
        return given().auth().oauth2(Tokens.supervisor()).contentType(ContentType.JSON).body(body)
                .post("/destinations").then();
    }
}
