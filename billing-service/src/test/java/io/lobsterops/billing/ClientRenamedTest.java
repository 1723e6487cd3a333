package io.lobsterops.billing;

import static io.lobsterops.billing.Billing.PATIENCE;
import static io.lobsterops.billing.Billing.newClientId;
import static io.lobsterops.billing.Billing.openEngagement;
import static io.lobsterops.billing.Billing.signedWithDeposit;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.AgentStable;
import io.lobsterops.events.ClientRenamed;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * provisioning's client.renamed (ADR 0059): the invoices issued after it carry the client's corrected name, the one
 * issued before keeps the name it was issued with; a duplicate delivery leaves one line on the account's timeline.
 */
@QuarkusTest
class ClientRenamedTest {

    @Test
    void aLaterInvoiceShowsTheNewNameAndAnIssuedOneKeepsTheOld() {
        String clientId = newClientId();
        UUID engagementId = openEngagement(clientId);   // opened as "Client <id>"
        String deposit = signedWithDeposit(engagementId);
        String corrected = "Corrected " + clientId;

        ClientRenamed renamed = Events.renamed(clientId, "Client " + clientId, corrected);
        String id = Events.publish(renamed);
        Events.publish(id, renamed);       // the outbox's duplicate: same id
        Events.publish(renamed);           // a replay with a new id
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/account", engagementId).then().statusCode(200)
                .body("clientName", equalTo(corrected))
                .body("timeline.summary", hasItem("Client renamed from Client " + clientId + " to " + corrected
                        + " by sophie: typo at opening")));

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Events.publish(new AgentStable(engagementId, clientId, now.minusSeconds(172_800), now));
        await().atMost(PATIENCE).untilAsserted(() -> assertEquals(2, invoices(engagementId).getList("kind").size()));

        JsonPath invoices = invoices(engagementId);
        assertEquals("Client " + clientId, invoices.getString("find { it.kind == 'DEPOSIT' }.clientName"));
        assertEquals(corrected, invoices.getString("find { it.kind == 'BALANCE' }.clientName"));
        given().auth().oauth2(Tokens.supervisor()).get("/invoices/{id}", deposit).then().statusCode(200)
                .body("clientName", equalTo("Client " + clientId));
        assertEquals(1, given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/account", engagementId)
                .then().extract().jsonPath().getList("timeline.findAll { it.summary.startsWith('Client renamed') }")
                .size());
    }

    @Test
    void aRenameOfAClientWithoutAnAccountChangesNothing() {
        String clientId = newClientId();
        Events.publish(Events.renamed(newClientId(), "Nobody", "Still Nobody"));
        UUID engagementId = openEngagement(clientId);
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/account", engagementId).then()
                .statusCode(200).body("clientName", equalTo("Client " + clientId));
    }

    private static JsonPath invoices(UUID engagementId) {
        return given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/invoices", engagementId).then()
                .statusCode(200).extract().jsonPath();
    }
}
