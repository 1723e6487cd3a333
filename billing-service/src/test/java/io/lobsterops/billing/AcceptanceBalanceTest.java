package io.lobsterops.billing;

import static io.lobsterops.billing.Billing.PATIENCE;
import static io.lobsterops.billing.Billing.contract;
import static io.lobsterops.billing.Billing.newClientId;
import static io.lobsterops.billing.Billing.openEngagement;
import static io.lobsterops.billing.Billing.signedWithDeposit;
import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.AgentAccepted;
import io.lobsterops.events.AgentStable;
import io.lobsterops.events.UsageRecorded;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;

/** {@code agent.accepted}: the balance of a contract that bills it on the client's acceptance, once (ADR 0047). */
@QuarkusTest
class AcceptanceBalanceTest {

    @Test
    void theClientsAcceptanceBillsTheBalanceOnceWhateverTheDuplicates() {
        String clientId = newClientId();
        UUID engagementId = openEngagement(clientId);
        signedWithDeposit(engagementId, contract("balanceDueOn", "CLIENT_ACCEPTANCE"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Events.publish(new AgentStable(engagementId, clientId, now.minusSeconds(172_800), now));   // not the trigger
        AgentAccepted accepted = new AgentAccepted(engagementId, clientId, "client-a", "works as agreed", now);
        String id = UUID.randomUUID().toString();
        Events.publish(id, accepted);
        Events.publish(id, accepted);     // the outbox's duplicate: same id
        Events.publish(accepted);         // a replay with a new id
        awaitMarker(engagementId, clientId);   // everything published before it is applied

        JsonPath invoices = invoices(engagementId);
        assertEquals(List.of("DEPOSIT", "BALANCE"), invoices.getList("kind"));
        assertEquals(200_000, invoices.getInt("find { it.kind == 'BALANCE' }.totalCents"));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/account", engagementId).then()
                .statusCode(200).body("timeline.summary", hasItem(containsString(
                        "Client acceptance of the agent by client-a; balance invoice LO-")));
        given().auth().oauth2(Tokens.client(clientId)).get("/engagements/{id}/account", engagementId).then()
                .statusCode(200).body("timeline", org.hamcrest.Matchers.nullValue());
        // a supervisor recording the acceptance by hand afterwards finds it billed
        assertProblem(given().auth().oauth2(Tokens.supervisor()).contentType("application/json")
                .body("{\"acceptedBy\":\"Ada\",\"note\":\"paper copy\"}")
                .post("/engagements/{id}/contract/acceptance", engagementId).then(), 409, "conflict");
        assertEquals(2, invoices(engagementId).getList("kind").size());
    }

    @Test
    void anAcceptanceRecordedByHandFirstLeavesTheEventNothingToBill() {
        String clientId = newClientId();
        UUID engagementId = openEngagement(clientId);
        signedWithDeposit(engagementId, contract("balanceDueOn", "CLIENT_ACCEPTANCE"));
        given().auth().oauth2(Tokens.supervisor()).contentType("application/json")
                .body("{\"acceptedBy\":\"Ada\",\"note\":\"signed on paper\"}")
                .post("/engagements/{id}/contract/acceptance", engagementId).then().statusCode(201)
                .body("kind", equalTo("BALANCE"));
        Events.publish(new AgentAccepted(engagementId, clientId, "client-a", null, Instant.now()));
        awaitMarker(engagementId, clientId);
        assertEquals(List.of("DEPOSIT", "BALANCE"), invoices(engagementId).getList("kind"));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/account", engagementId).then()
                .body("timeline.summary", hasItem("Client acceptance of the agent by client-a"));
    }

    @Test
    void aBalanceDueAtStabilityIsNotBilledOnAcceptance() {
        String clientId = newClientId();
        UUID engagementId = openEngagement(clientId);
        signedWithDeposit(engagementId);   // balance on AGENT_STABLE
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Events.publish(new AgentAccepted(engagementId, clientId, "client-a", "fine", now));
        awaitMarker(engagementId, clientId);
        assertEquals(List.of("DEPOSIT"), invoices(engagementId).getList("kind"));

        Events.publish(new AgentStable(engagementId, clientId, now, now.plusSeconds(86_400)));
        await().atMost(PATIENCE).until(() -> invoices(engagementId).getList("kind").contains("BALANCE"));
        assertEquals(List.of("DEPOSIT", "BALANCE"), invoices(engagementId).getList("kind"));
    }

    @Test
    void anAcceptanceBeforeAnyContractBillsNothingButIsOnTheTimeline() {
        String clientId = newClientId();
        UUID engagementId = openEngagement(clientId);
        Events.publish(new AgentAccepted(engagementId, clientId, "client-a", null, Instant.now()));
        awaitMarker(engagementId, clientId);
        assertEquals(List.of(), invoices(engagementId).getList("kind"));
        given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/account", engagementId).then()
                .body("timeline.summary", hasItem("Client acceptance of the agent by client-a"));
    }

    /** A usage day published after the events under test, awaited: the engagement's events are consumed in order. */
    private static void awaitMarker(UUID engagementId, String clientId) {
        UUID usageId = UUID.randomUUID();
        Events.publish(new UsageRecorded(engagementId, clientId, usageId, UUID.randomUUID(), "main",
                LocalDate.now(ZoneOffset.UTC), "gpt-test", 1, 1, 0, 0, 1, false, false,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.engineer())
                .get("/engagements/{id}/usage", engagementId).then().statusCode(200)
                .body("usageId", hasItem(usageId.toString())));
    }

    private static JsonPath invoices(UUID engagementId) {
        return given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/invoices", engagementId).then()
                .statusCode(200).extract().jsonPath();
    }
}
