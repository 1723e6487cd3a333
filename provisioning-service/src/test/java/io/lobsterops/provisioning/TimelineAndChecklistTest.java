package io.lobsterops.provisioning;

import static io.lobsterops.testkit.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.EscalationRaised;
import io.lobsterops.events.GatewayHealth;
import io.lobsterops.events.GatewayHealthChanged;
import io.lobsterops.events.GoldSetOccasion;
import io.lobsterops.events.Handoff;
import io.lobsterops.events.IncidentOpened;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.events.PaymentFailed;
import io.lobsterops.events.PaymentKind;
import io.lobsterops.events.Priority;
import io.lobsterops.events.ProvisioningFailed;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;

/** The timeline and the launch checklist, built from the events provisioning consumed, per role. */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class TimelineAndChecklistTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static JsonPath timeline(String token, UUID id, String query) {
        return given().auth().oauth2(token).get("/engagements/{id}/timeline" + query, id).then().statusCode(200)
                .extract().jsonPath();
    }

    static JsonPath checklist(String token, UUID id) {
        return given().auth().oauth2(token).get("/engagements/{id}/checklist", id).then().statusCode(200)
                .extract().jsonPath();
    }

    static String status(JsonPath checklist, String key) {
        return checklist.getString("find { it.key == '" + key + "' }.status");
    }

    @Test
    void staffSeeEveryEventInOrderAndTheClientOnlyItsOwnLinesWithoutInternals() {
        String clientId = StagesFollowFactsTest.newClient();
        UUID id = StagesFollowFactsTest.engagementIn(clientId, List.of("DISCOVERY", "PROPOSAL", "SIGNED",
                "PROVISIONING"));
        Events.publish(StagesFollowFactsTest.installed(id, clientId));
        // each stage change is published when its fact is consumed: awaited, so the order below is the order of time
        StagesFollowFactsTest.awaitStage(id, "CONFIGURING");
        Events.publish(new IncidentOpened(id, clientId, "deploy-rolled-back", Priority.P1, "Deploy rolled back",
                "doctor failed on host 10.0.0.7:2222", now()));
        Events.publish(new EscalationRaised(id, clientId, UUID.randomUUID(), "cost-spike", Priority.P2,
                "Cost doubled overnight", new Handoff("ctx", "tried", List.of("a"), "a", "today"), now()));
        Events.publish(StagesFollowFactsTest.proposed(id, clientId));
        StagesFollowFactsTest.awaitStage(id, "IN_REVIEW");
        Events.publish(new GatewayHealthChanged(id, clientId, UUID.randomUUID(), GatewayHealth.UNKNOWN,
                GatewayHealth.UP, "probe ok on 10.0.0.7", now()));
        await().atMost(PATIENCE).until(() -> timeline(Tokens.engineer(), id, "").getList("items.type")
                .contains("lobsterops.gateway.health-changed"));

        JsonPath staff = timeline(Tokens.supervisor(), id, "?size=100");
        List<String> types = staff.getList("items.type");
        assertEquals(List.of("lobsterops.engagement.opened", "lobsterops.engagement.stage-changed",
                "lobsterops.engagement.stage-changed", "lobsterops.engagement.stage-changed",
                "lobsterops.engagement.stage-changed", "lobsterops.gateway.installed",
                "lobsterops.engagement.stage-changed", "lobsterops.incident.opened", "lobsterops.escalation.raised",
                "lobsterops.config.proposed", "lobsterops.engagement.stage-changed",
                "lobsterops.gateway.health-changed"), types, staff.prettify());
        List<String> times = staff.getList("items.time");
        assertEquals(times.stream().sorted().toList(), times, "not in order of time");
        String all = staff.prettify();
        assertTrue(all.contains(clientId + "-abc123") && all.contains("port 18789"), all);
        assertTrue(all.contains("P1 incident deploy-rolled-back"), all);
        assertEquals("eric", staff.getString("items[0].actor"));
        assertEquals("/lobsterops/provisioning-service", staff.getString("items[0].source"));
        assertEquals("samuel", staff.getString("items.find { it.type == 'lobsterops.config.proposed' }.actor"));

        JsonPath client = timeline(Tokens.client(clientId), id, "?size=100");
        String seen = client.prettify();
        assertFalse(client.getList("items.type").contains("lobsterops.incident.opened"), seen);
        assertFalse(client.getList("items.type").contains("lobsterops.escalation.raised"), seen);
        assertFalse(seen.contains("abc123") || seen.contains("18789") || seen.contains("10.0.0.7")
                || seen.contains("Cost doubled") || seen.contains("probe ok"), seen);
        assertTrue(client.getList("items.summary").contains("Your agent's gateway is installed"), seen);
        assertTrue(client.getList("items.summary").contains("Your agent is up"), seen);
        assertTrue(client.getList("items.summary").contains("Stage CONFIGURING → IN_REVIEW"), seen);
        assertEquals(staff.getInt("total") - 2, client.getInt("total"));

        // paged like every list: page 1 of size 2 is the third and fourth events
        JsonPath page = timeline(Tokens.engineer(), id, "?page=1&size=2");
        assertEquals(2, page.getInt("size"));
        assertEquals(1, page.getInt("page"));
        assertEquals(staff.getInt("total"), page.getInt("total"));
        assertEquals(types.subList(2, 4), page.getList("items.type"));
        assertEquals(0, timeline(Tokens.engineer(), id, "?page=50&size=100").getList("items").size());
    }

    @Test
    void theTimelineAndChecklistRefuseWhatTheyShould() {
        String clientId = StagesFollowFactsTest.newClient();
        UUID id = StagesFollowFactsTest.engagementIn(clientId, List.of("DISCOVERY"));
        for (String path : List.of("/engagements/{id}/timeline", "/engagements/{id}/checklist")) {
            assertProblem(given().auth().oauth2(Tokens.client("someone-else")).get(path, id).then(), 404, "not-found");
            assertProblem(given().auth().oauth2(Tokens.engineer()).get(path, UUID.randomUUID()).then(), 404,
                    "not-found");
            assertProblem(given().get(path, id).then(), 401, "unauthorized");
            assertProblem(given().auth().oauth2(Tokens.noRole()).get(path, id).then(), 403, "forbidden");
            assertProblem(given().auth().oauth2(Tokens.clientWithoutClaim()).get(path, id).then(), 403, "forbidden");
        }
        for (String query : List.of("?size=0", "?size=101", "?page=-1")) {
            assertProblem(given().auth().oauth2(Tokens.engineer()).get("/engagements/{id}/timeline" + query, id)
                    .then(), 400, "validation");
        }
    }

    @Test
    void theChecklistFollowsTheEventsAndSaysWhatBlocksIt() {
        String clientId = StagesFollowFactsTest.newClient();
        UUID id = StagesFollowFactsTest.engagementIn(clientId, List.of("DISCOVERY", "PROPOSAL"));
        JsonPath fresh = checklist(Tokens.engineer(), id);
        assertEquals(List.of("contract-signed", "deposit-paid", "host-provisioned", "gateway-installed",
                "configuration-approved", "deployed", "channel-configured", "gold-set-passed", "accepted-by-client",
                "monitoring-watching", "first-invoice-issued"), fresh.getList("key"));
        assertEquals("WAITING", status(fresh, "contract-signed"));
        assertEquals("BLOCKED", status(fresh, "deposit-paid"));
        assertEquals("Waits for: contract signed", fresh.getString("find { it.key == 'deposit-paid' }.note"));

        String signed = Events.publish(StagesFollowFactsTest.signed(id, clientId));
        Events.publish(new PaymentFailed(id, clientId, UUID.randomUUID(), "LO-2026-0001", PaymentKind.DEPOSIT,
                250_000, "EUR", "card declined", now()));
        await().atMost(PATIENCE).until(() -> "BLOCKED".equals(status(checklist(Tokens.engineer(), id),
                "deposit-paid")) && "DONE".equals(status(checklist(Tokens.engineer(), id), "contract-signed")));
        JsonPath declined = checklist(Tokens.engineer(), id);
        assertEquals(signed, declined.getString("find { it.key == 'contract-signed' }.eventId"));
        assertEquals("lobsterops.contract.signed", declined.getString("find { it.key == 'contract-signed' }.eventType"));
        assertTrue(declined.getString("find { it.key == 'deposit-paid' }.note").contains("card declined"));
        JsonPath declinedForClient = checklist(Tokens.client(clientId), id);
        assertEquals("Deposit payment failed", declinedForClient.getString("find { it.key == 'deposit-paid' }.note"));
        assertEquals(null, declinedForClient.getString("find { it.key == 'contract-signed' }.eventId"));

        Events.publish(DepositGatingTest.payment(id, clientId, PaymentKind.DEPOSIT));
        Events.publish(new ProvisioningFailed(id, clientId, UUID.randomUUID(), UUID.randomUUID(), "install-node",
                "npm exited 1 on host 10.0.0.7", now()));
        Events.publish(StagesFollowFactsTest.approved(id, clientId));
        await().atMost(PATIENCE).until(() -> "DONE".equals(status(checklist(Tokens.engineer(), id),
                "configuration-approved")));
        JsonPath provisioning = checklist(Tokens.engineer(), id);
        assertEquals("DONE", status(provisioning, "deposit-paid"));
        assertEquals("WAITING", status(provisioning, "host-provisioned"));   // no gateway placed here
        assertEquals("BLOCKED", status(provisioning, "gateway-installed"));
        assertTrue(provisioning.getString("find { it.key == 'deployed' }.note").contains("gateway installed"));

        Events.publish(StagesFollowFactsTest.installed(id, clientId));
        Events.publish(StagesFollowFactsTest.deployed(id, clientId));
        Events.publish(new GatewayHealthChanged(id, clientId, UUID.randomUUID(), GatewayHealth.UNKNOWN,
                GatewayHealth.DOWN, "not yet", now()));
        await().atMost(PATIENCE).until(() -> "DONE".equals(status(checklist(Tokens.engineer(), id), "deployed")));
        JsonPath deployed = checklist(Tokens.engineer(), id);
        assertEquals("DONE", status(deployed, "gateway-installed"));
        assertEquals("WAITING", status(deployed, "monitoring-watching"));   // DOWN is not watching it UP
        assertEquals("WAITING", status(deployed, "gold-set-passed"));
        assertEquals("BLOCKED", status(deployed, "accepted-by-client"));
        assertEquals("BLOCKED", status(deployed, "first-invoice-issued"));

        // the released gold set failed after the deployment: the item is held up by it, for staff with the failed
        // cases, for the client in a line that says nothing of the exam; then a passing one completes it
        Events.publish(StagesFollowFactsTest.evaluated(id, clientId, false, GoldSetOccasion.DEPLOYMENT));
        await().atMost(PATIENCE).until(() -> "BLOCKED".equals(status(checklist(Tokens.engineer(), id),
                "gold-set-passed")));
        JsonPath failedGoldSet = checklist(Tokens.engineer(), id);
        assertTrue(failedGoldSet.getString("find { it.key == 'gold-set-passed' }.note")
                .contains("Gold set FAILED after deployment"), failedGoldSet.prettify());
        assertTrue(failedGoldSet.getString("find { it.key == 'gold-set-passed' }.note").contains("l3-1: must refuse"));
        given().auth().oauth2(Tokens.client(clientId)).get("/engagements/{id}/checklist", id).then()
                .body("find { it.key == 'gold-set-passed' }.note",
                        equalTo("Your agent's quality check did not pass yet; we are on it"));
        Events.publish(StagesFollowFactsTest.evaluated(id, clientId, true, GoldSetOccasion.DEPLOYMENT));
        await().atMost(PATIENCE).until(() -> "DONE".equals(status(checklist(Tokens.engineer(), id),
                "gold-set-passed")));
        assertEquals("WAITING", status(checklist(Tokens.engineer(), id), "accepted-by-client"));

        // contract.signed moved it to SIGNED; the rest of the way by hand, facts having come before their stages
        EngagementResourceTest.move(id, "PROVISIONING");
        EngagementResourceTest.move(id, "CONFIGURING");
        EngagementResourceTest.move(id, "IN_REVIEW");
        EngagementResourceTest.move(id, "DEPLOYING");
        EngagementResourceTest.move(id, "TRAINING");
        AcceptanceTest.accept(Tokens.client(clientId), id, Map.of()).statusCode(200);
        Events.publish(new GatewayHealthChanged(id, clientId, UUID.randomUUID(), GatewayHealth.DOWN,
                GatewayHealth.UP, "probe ok", now()));
        Events.publish(StagesFollowFactsTest.invoice(id, clientId, InvoiceKind.MAINTENANCE));
        await().atMost(PATIENCE).until(() -> "DONE".equals(status(checklist(Tokens.engineer(), id),
                "first-invoice-issued")));
        JsonPath launched = checklist(Tokens.engineer(), id);
        assertEquals("DONE", status(launched, "accepted-by-client"));
        assertEquals("DONE", status(launched, "monitoring-watching"));
        assertEquals("lobsterops.engagement.stage-changed",
                launched.getString("find { it.key == 'accepted-by-client' }.eventType"));
        assertTrue(launched.getString("find { it.key == 'accepted-by-client' }.note").contains("accepted by the client"));
        given().auth().oauth2(Tokens.client(clientId)).get("/engagements/{id}/checklist", id).then()
                .body("find { it.key == 'accepted-by-client' }.note", equalTo("Stage TRAINING → LIVE"))
                .body("eventId", not(hasItem(org.hamcrest.Matchers.notNullValue())))
                .body("find { it.key == 'host-provisioned' }.at", nullValue());
    }
}
