package io.lobsterops.notification;

import static io.lobsterops.notification.support.Fixtures.FIRST_ON_DUTY;
import static io.lobsterops.notification.support.Fixtures.PATIENCE;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.AgentResumed;
import io.lobsterops.events.AgentStable;
import io.lobsterops.events.AgentTerminated;
import io.lobsterops.events.AgentUpgradeRolledBack;
import io.lobsterops.events.CloudEventHeaders;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EscalationRaised;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.InvoiceIssued;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.events.Priority;
import io.lobsterops.notification.support.FakeTelegram;
import io.lobsterops.notification.support.Fixtures;
import io.lobsterops.notification.support.LoopbackChannels;
import io.lobsterops.testkit.Events;
import io.lobsterops.testkit.KafkaTestClient;
import io.lobsterops.testkit.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code agent.terminated} (ADR 0047): the client is told in its own words, staff get a note, then the client's
 * destinations hear nothing more of that engagement but its invoices, and its open pages are closed.
 */
@QuarkusTest
class TerminationNoticeTest {

    static final String INTERNAL_REASON = "three invoices unpaid; host vps-17 reused for another client";

    @BeforeEach
    void onDuty() {
        Fixtures.staffOnDuty();
    }

    static FakeTelegram telegram() {
        return LoopbackChannels.telegram();
    }

    @Test
    void theClientIsToldInItsOwnWordsThenHearsNothingMoreOfTheEngagementButItsInvoices() {
        String clientId = Fixtures.newClientId();
        String chat = Fixtures.newChatId();
        Fixtures.clientTelegram(clientId, chat);
        EngagementOpened opened = Fixtures.opened(clientId);
        UUID engagementId = opened.engagementId();
        EngagementOpened other = Fixtures.opened(clientId);   // the same client's second engagement

        // a P0 still paging when the agent is terminated
        EscalationRaised raised = Fixtures.escalation(engagementId, clientId, Priority.P0, "Gateway down");
        Events.publish(raised);
        await().atMost(PATIENCE).untilAsserted(() -> Fixtures.inbox(Map.of("engagementId", engagementId))
                .body("items.find { it.sourceEventType == '" + EventTypes.ESCALATION_RAISED + "' }.nextPageAt",
                        notNullValue()));
        String page = Fixtures.inbox(Map.of("engagementId", engagementId)).extract()
                .path("items.find { it.sourceEventType == '" + EventTypes.ESCALATION_RAISED + "' }.id");

        Events.publish(terminated(engagementId, clientId));
        await().atMost(PATIENCE).until(() -> !telegram().sentTo(chat).isEmpty());
        FakeTelegram.Call told = telegram().sentTo(chat).getFirst();
        assertTrue(told.text().startsWith("*Your agent has been shut down*"), told.text());
        assertTrue(told.text().contains("archived"), told.text());
        assertFalse(told.text().contains("invoices unpaid") || told.text().contains("vps"), told.text());

        String staffNote = "items.find { it.sourceEventType == '" + EventTypes.AGENT_TERMINATED
                + "' && it.audience == 'STAFF' }";
        Fixtures.inbox(Map.of("engagementId", engagementId))
                .body(staffNote + ".priority", equalTo("P3"))
                .body(staffNote + ".body", containsString("vps\\-17"))
                .body(staffNote + ".body", containsString("sophie"));
        // the page is closed: acknowledged by the termination, no more pages, its group over
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(Tokens.supervisor())
                .get("/inbox/{id}", page).then().statusCode(200)
                .body("acknowledgedVia", equalTo("terminated")).body("acknowledgedBy", equalTo("sophie"))
                .body("nextPageAt", nullValue()).body("groupOpen", equalTo(false)));
        Fixtures.deliveriesOf(page).body("items.status", not(hasItem("PENDING")));

        // after it: a client message of this engagement reaches nobody, its invoice does; staff still hear
        Events.publish(new AgentResumed(engagementId, clientId, UUID.randomUUID(), "sophie", Fixtures.now()));
        Events.publish(new AgentUpgradeRolledBack(engagementId, clientId, UUID.randomUUID(), UUID.randomUUID(),
                "2026.9.6", "2026.9.7", "readyz", "not ready after 120 s", "eric", Fixtures.now()));
        Events.publish(new InvoiceIssued(engagementId, clientId, UUID.randomUUID(), "LO-2026-000" + clientId.length(),
                InvoiceKind.FINAL, 4_250, "EUR", LocalDate.now().plusDays(30), null, Fixtures.now()));
        Events.publish(new AgentStable(other.engagementId(), clientId, Fixtures.now(), Fixtures.now()));
        await().atMost(PATIENCE).until(() -> telegram().sentTo(chat).stream()
                .anyMatch(call -> call.text().startsWith("*Invoice")));
        await().atMost(PATIENCE).until(() -> telegram().sentTo(chat).stream()
                .anyMatch(call -> call.text().startsWith("*Your agent is stable*")));
        await().atMost(PATIENCE).until(() -> telegram().sentTo(FIRST_ON_DUTY).stream()
                .anyMatch(call -> call.text().contains("Upgrade of " + clientId + " rolled back")));
        List<String> titles = telegram().sentTo(chat).stream().map(call -> call.text().lines().findFirst().orElse(""))
                .toList();
        assertEquals(3, titles.size(), titles.toString());
        assertFalse(titles.stream().anyMatch(title -> title.contains("is back")), titles.toString());
        String back = Fixtures.inbox(Map.of("engagementId", engagementId)).extract()
                .path("items.find { it.title == 'Your agent is back' }.id");
        Fixtures.deliveriesOf(back).body("total", equalTo(0));
        // the client still reads its own inbox
        given().auth().oauth2(Tokens.client(clientId)).queryParam("engagementId", engagementId).get("/inbox").then()
                .statusCode(200).body("items.title", hasItem("Your agent has been shut down"));
    }

    @Test
    void aDuplicateOrReplayedTerminationHasOneEffect() {
        String clientId = Fixtures.newClientId();
        String chat = Fixtures.newChatId();
        Fixtures.clientTelegram(clientId, chat);
        UUID engagementId = Fixtures.opened(clientId).engagementId();
        AgentTerminated terminated = terminated(engagementId, clientId);
        String id = UUID.randomUUID().toString();
        Events.publish(id, terminated);
        Events.publish(id, terminated);   // the outbox's duplicate
        Events.publish(terminated);       // a replay with a new id
        // a marker after them: the engagement's events are consumed in order
        Events.publish(new InvoiceIssued(engagementId, clientId, UUID.randomUUID(), "LO-marker", InvoiceKind.FINAL,
                100, "EUR", LocalDate.now().plusDays(30), null, Fixtures.now()));
        await().atMost(PATIENCE).until(() -> telegram().sentTo(chat).size() >= 2);
        Fixtures.inbox(Map.of("engagementId", engagementId))
                .body("items.findAll { it.sourceEventType == '" + EventTypes.AGENT_TERMINATED + "' }.size()",
                        equalTo(2));   // one staff note, one client message
        assertEquals(1, telegram().sentTo(chat).stream()
                .filter(call -> call.text().startsWith("*Your agent has been shut down*")).count());
    }

    @Test
    void anUnreadableTerminationIsDeadLetteredAndClosesNothing() {
        String clientId = Fixtures.newClientId();
        String chat = Fixtures.newChatId();
        Fixtures.clientTelegram(clientId, chat);
        UUID engagementId = Fixtures.opened(clientId).engagementId();
        String poison = UUID.randomUUID().toString();
        KafkaTestClient.publish(poison, EventTypes.AGENT_TERMINATED, engagementId,
                "{\"engagementId\":\"" + engagementId + "\",\"terminatedAt\":\"last tuesday\"}");
        ConsumerRecord<String, String> dead = KafkaTestClient.find(KafkaTestClient.DLQ,
                KafkaTestClient.eventId(poison).and(r -> String.valueOf(
                        KafkaTestClient.header(r, CloudEventHeaders.DLQ_REASON)).startsWith("notification-service ")),
                PATIENCE).orElseThrow(() -> new AssertionError("the unreadable event is not dead-lettered"));
        assertTrue(KafkaTestClient.header(dead, CloudEventHeaders.DLQ_REASON).contains("unreadable payload"));
        // the engagement is not terminated: its client still hears of it
        Events.publish(new AgentResumed(engagementId, clientId, UUID.randomUUID(), "sophie", Fixtures.now()));
        await().atMost(PATIENCE).until(() -> telegram().sentTo(chat).stream()
                .anyMatch(call -> call.text().startsWith("*Your agent is back*")));
    }

    static AgentTerminated terminated(UUID engagementId, String clientId) {
        return new AgentTerminated(engagementId, clientId, UUID.randomUUID(), UUID.randomUUID(), INTERNAL_REASON,
                "5e1d".repeat(16), "sophie", Fixtures.now());
    }
}
