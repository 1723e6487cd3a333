package io.lobsterops.notification;

import static io.lobsterops.notification.support.Fixtures.FIRST_ON_DUTY;
import static io.lobsterops.notification.support.Fixtures.PATIENCE;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.AgentAccepted;
import io.lobsterops.events.AgentUpgradeRolledBack;
import io.lobsterops.events.AgentUpgraded;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.GoldSetEvaluated;
import io.lobsterops.events.GoldSetEvaluated.CaseResult;
import io.lobsterops.events.GoldSetOccasion;
import io.lobsterops.notification.support.FakeTelegram;
import io.lobsterops.notification.support.Fixtures;
import io.lobsterops.notification.support.LoopbackChannels;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Gold-set runs, OpenClaw upgrades and the client's acceptance, for staff only (ADR 0049): a failing gold set is a P2
 * with its failing cases (never the agent's answers), a passing one a P4 line that closes it; an upgrade kept is a P4
 * line, one rolled back a P1 on Telegram; an acceptance a P3.
 */
@QuarkusTest
class AgentLifecycleNoticeTest {

    static final String EXCERPT = "Dear customer, your refund of 120 EUR";

    @BeforeEach
    void onDuty() {
        Fixtures.staffOnDuty();
    }

    static FakeTelegram telegram() {
        return LoopbackChannels.telegram();
    }

    @Test
    void aFailingGoldSetIsAP2WithItsFailingCasesUpdatedByTheNextFailureAndClosedByAPass() {
        String clientId = Fixtures.newClientId();
        String chat = Fixtures.newChatId();
        Fixtures.clientTelegram(clientId, chat);
        UUID engagementId = Fixtures.opened(clientId).engagementId();
        UUID gatewayId = UUID.randomUUID();
        Events.publish(goldSet(engagementId, clientId, gatewayId, 0.55, false));
        String failed = "items.find { it.sourceEventType == '" + EventTypes.GOLDSET_EVALUATED + "' }";
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.inbox(Map.of("engagementId", engagementId))
                .body(failed + ".priority", equalTo("P2")));
        Fixtures.inbox(Map.of("engagementId", engagementId))
                .body(failed + ".audience", equalTo("STAFF"))
                .body(failed + ".title", equalTo("Gold set failed: " + clientId + " (score 0.55, threshold 0.80)"))
                .body(failed + ".groupKey", equalTo("goldset:" + gatewayId))
                .body(failed + ".body", containsString("`refund-policy`: must mention \"refund\""))
                .body(failed + ".body", containsString("`tone`"))
                .body(failed + ".body", containsString("2 of 3 cases failed"))
                .body(failed + ".body", not(containsString("greeting")))
                .body(failed + ".body", not(containsString("Dear customer")));

        Events.publish(goldSet(engagementId, clientId, gatewayId, 0.60, false));   // fails again: the same message
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.inbox(Map.of("engagementId", engagementId))
                .body(failed + ".updates", equalTo(1)).body(failed + ".title", containsString("score 0.60")));

        Events.publish(goldSet(engagementId, clientId, gatewayId, 0.92, true));
        String passed = "items.find { it.title.startsWith('Gold set passed') }";
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.inbox(Map.of("engagementId", engagementId))
                .body(passed + ".priority", equalTo("P4"))
                .body(failed.replace("it.sourceEventType", "it.priority == 'P2' && it.sourceEventType")
                        + ".groupOpen", equalTo(false)));
        String line = Fixtures.inbox(Map.of("engagementId", engagementId)).extract().path(passed + ".id");
        Fixtures.deliveriesOf(line).body("total", equalTo(0));
        // none of it is the client's
        given().auth().oauth2(Tokens.client(clientId)).queryParam("engagementId", engagementId).get("/inbox").then()
                .statusCode(200).body("total", equalTo(0));
        assertTrue(telegram().sentTo(chat).isEmpty(), telegram().sentTo(chat).toString());
    }

    @Test
    void anUpgradeKeptIsACockpitLineAndOneRolledBackPagesTheOnDutyListWithTheFailedStep() {
        String clientId = Fixtures.newClientId();
        UUID engagementId = Fixtures.opened(clientId).engagementId();
        UUID gatewayId = UUID.randomUUID();
        Events.publish(new AgentUpgraded(engagementId, clientId, gatewayId, UUID.randomUUID(), "2026.9.6",
                "2026.9.7", 0.91, "eric", Fixtures.now()));
        Events.publish(new AgentUpgradeRolledBack(engagementId, clientId, gatewayId, UUID.randomUUID(), "2026.9.7",
                "2026.10.1", "goldset", "score 0.41 below 0.80", "eric", Fixtures.now()));
        await().atMost(PATIENCE).until(() -> telegram().sentTo(FIRST_ON_DUTY).stream()
                .anyMatch(call -> call.text().contains("Upgrade of " + clientId + " rolled back at goldset")));
        FakeTelegram.Call page = telegram().sentTo(FIRST_ON_DUTY).stream()
                .filter(call -> call.text().contains("Upgrade of " + clientId)).findFirst().orElseThrow();
        assertTrue(page.text().contains("score 0\\.41 below 0\\.80"), page.text());
        assertTrue(page.text().contains("to `2026.10.1`"), page.text());

        String upgraded = "items.find { it.sourceEventType == '" + EventTypes.AGENT_UPGRADED + "' }";
        Fixtures.inbox(Map.of("engagementId", engagementId))
                .body(upgraded + ".priority", equalTo("P4"))
                .body(upgraded + ".title", equalTo("Agent of " + clientId + " upgraded to OpenClaw 2026.9.7"))
                .body(upgraded + ".body", containsString("gold set 0\\.91"))
                .body("items.find { it.sourceEventType == '" + EventTypes.AGENT_UPGRADE_ROLLED_BACK
                        + "' }.priority", equalTo("P1"));
        String line = Fixtures.inbox(Map.of("engagementId", engagementId)).extract().path(upgraded + ".id");
        Fixtures.deliveriesOf(line).body("total", equalTo(0));
        List<FakeTelegram.Call> aboutIt = telegram().sentTo(FIRST_ON_DUTY).stream()
                .filter(call -> call.text().contains(clientId)).toList();
        assertEquals(1, aboutIt.size(), "only the rollback reaches Telegram: " + aboutIt);
    }

    @Test
    void theClientsAcceptanceIsAStaffNote() {
        String clientId = Fixtures.newClientId();
        UUID engagementId = Fixtures.opened(clientId).engagementId();
        Events.publish(new AgentAccepted(engagementId, clientId, "client-a", "answers *exactly* as we wanted",
                Fixtures.now()));
        String accepted = "items.find { it.sourceEventType == '" + EventTypes.AGENT_ACCEPTED + "' }";
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.inbox(Map.of("engagementId", engagementId))
                .body(accepted + ".priority", equalTo("P3")));
        Fixtures.inbox(Map.of("engagementId", engagementId))
                .body(accepted + ".audience", equalTo("STAFF"))
                .body(accepted + ".title", equalTo(clientId + " accepted its agent"))
                .body(accepted + ".body", containsString("client\\-a accepted the agent"))
                .body(accepted + ".body", containsString("\\*exactly\\*"));
        given().auth().oauth2(Tokens.client(clientId)).queryParam("engagementId", engagementId).get("/inbox").then()
                .statusCode(200).body("total", equalTo(0));
        assertFalse(telegram().sentTo(FIRST_ON_DUTY).stream().anyMatch(call -> call.text().contains(clientId)));
    }

    static GoldSetEvaluated goldSet(UUID engagementId, String clientId, UUID gatewayId, double score,
            boolean passed) {
        return new GoldSetEvaluated(engagementId, clientId, UUID.randomUUID(), gatewayId,
                "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", "2026.9.6", GoldSetOccasion.DEPLOYMENT, score, 0.80, passed,
                List.of(new CaseResult("greeting", 1.0, true, null, "Hello, how can I help?"),
                        new CaseResult("refund-policy", 2.0, passed, passed ? null : "must mention \"refund\"",
                                EXCERPT),
                        new CaseResult("tone", 1.0, passed, passed ? null : "too informal", "hey there")),
                Fixtures.now());
    }
}
