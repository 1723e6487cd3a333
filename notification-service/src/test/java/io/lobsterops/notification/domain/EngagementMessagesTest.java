package io.lobsterops.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.EscalationRaised;
import io.lobsterops.events.EscalationResolved;
import io.lobsterops.events.EventCatalog;
import io.lobsterops.events.GatewayHealth;
import io.lobsterops.events.GatewayHealthChanged;
import io.lobsterops.events.Handoff;
import io.lobsterops.events.IncidentOpened;
import io.lobsterops.events.InvoiceIssued;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.events.Stage;

class EngagementMessagesTest {

    static final Instant NOW = Instant.parse("2026-11-01T09:00:00Z");

    static EngagementStageChanged move(Stage from, Stage to, String reason) {
        return new EngagementStageChanged(UUID.randomUUID(), "acme", from, to, reason, "eric", NOW);
    }

    @Test
    void eventFieldsCannotInjectMarkdown() {
        EngagementOpened opened = new EngagementOpened(UUID.randomUUID(), "acme", "Acme *Bold* [link](http://x)",
                "Ada\n# Heading", "ada@acme.test", "logistics", "eu-west", Stage.LEAD, "eric", NOW);
        String body = EngagementMessages.of(opened).notices().getFirst().body();
        assertTrue(body.contains("**Acme \\*Bold\\* \\[link\\]\\(http://x\\)**"), body);
        assertTrue(body.contains("Ada \\# Heading"), body);
        assertFalse(body.contains("\n# Heading"), body);
    }

    @Test
    void aStageChangeIsOneP3StaffMessageWithItsReasonQuoted() {
        List<Notice> messages = EngagementMessages.of(move(Stage.SIGNED, Stage.PROVISIONING, "deposit paid"))
                .notices();
        assertEquals(1, messages.size());
        Notice message = messages.getFirst();
        assertEquals(Priority.P3, message.priority());
        assertEquals(Audience.STAFF, message.audience());
        assertEquals("The engagement of `acme` moved from **SIGNED** to **PROVISIONING** by eric.\n\n> deposit paid\n",
                message.body());
    }

    @Test
    void goingLiveAlsoTellsTheClientButResumingAfterASuspensionDoesNot() {
        List<Notice> live = EngagementMessages.of(move(Stage.TRAINING, Stage.LIVE, null)).notices();
        assertEquals(List.of(Audience.STAFF, Audience.CLIENT), live.stream().map(Notice::audience).toList());
        assertEquals("acme", live.get(1).clientId());
        List<Notice> resumed = EngagementMessages.of(move(Stage.SUSPENDED, Stage.LIVE, null)).notices();
        assertEquals(List.of(Audience.STAFF), resumed.stream().map(Notice::audience).toList());
    }

    @Test
    void anEscalationKeepsItsPriorityAndIsGroupedByEscalationUntilResolved() {
        UUID escalation = UUID.randomUUID();
        Notice raised = EngagementMessages.of(new EscalationRaised(UUID.randomUUID(), "acme", escalation, "cost",
                io.lobsterops.events.Priority.P0, "Budget blown", new Handoff("ctx", "tried", List.of("a", "b"),
                        "b", "today"), NOW)).notices().getFirst();
        assertEquals(Priority.P0, raised.priority());
        assertEquals("escalation:" + escalation, raised.groupKey());
        assertEquals(escalation, raised.escalationId());
        assertTrue(raised.body().contains("- a\n- b\n"), raised.body());
        EngagementMessages.Outcome resolved = EngagementMessages.of(new EscalationResolved(UUID.randomUUID(), "acme",
                escalation, "cost", "budget raised", "sophie", NOW));
        assertEquals(List.of("escalation:" + escalation), resolved.closes());
    }

    @Test
    void gatewayHealthIsGroupedByGatewayAndAChangedHostKeyIsAP0() {
        UUID gateway = UUID.randomUUID();
        Notice down = EngagementMessages.of(new GatewayHealthChanged(UUID.randomUUID(), "acme", gateway,
                GatewayHealth.UP, GatewayHealth.DOWN, "probe", NOW)).notices().getFirst();
        Notice key = EngagementMessages.of(new GatewayHealthChanged(UUID.randomUUID(), "acme", gateway,
                GatewayHealth.UP, GatewayHealth.HOST_KEY_CHANGED, "pinned key differs", NOW)).notices().getFirst();
        assertEquals(Priority.P1, down.priority());
        assertEquals(Priority.P0, key.priority());
        assertEquals(down.groupKey(), key.groupKey());
    }

    @Test
    void anInvoiceTellsTheClientWithItsAmountAndDueDate() {
        List<Notice> notices = EngagementMessages.of(new InvoiceIssued(UUID.randomUUID(), "acme", UUID.randomUUID(),
                "2026-0042", InvoiceKind.values()[0], 123456, "eur", LocalDate.parse("2026-12-01"),
                "https://pay.example/x", NOW)).notices();
        Notice client = notices.stream().filter(n -> n.audience() == Audience.CLIENT).findFirst().orElseThrow();
        assertTrue(client.body().contains("1234\\.56 EUR"), client.body());
        assertTrue(client.body().contains("2026-12-01"), client.body());
    }

    @Test
    void everyTypeThisServiceConsumesIsInTheContract() {
        EngagementMessages.TYPES.forEach(type -> assertTrue(EventCatalog.payloadOf(type).isPresent(), type));
    }

    @Test
    void anIncidentAboutAHostIsAStaffMessageWithoutEngagementOrClientGroupedByHost() {
        UUID host = UUID.randomUUID();
        List<Notice> messages = EngagementMessages.of(IncidentOpened.aboutHost(host, "host-key-changed",
                io.lobsterops.events.Priority.P0, "Host key changed", "pinned key differs", NOW)).notices();
        assertEquals(1, messages.size());
        Notice message = messages.getFirst();
        assertEquals(Audience.STAFF, message.audience());
        assertEquals(Priority.P0, message.priority());
        assertNull(message.engagementId());
        assertNull(message.clientId());
        assertEquals(host, message.hostId());
        assertEquals("incident:host-key-changed:" + host, message.groupKey());
        assertEquals("Incident on host " + host + ": Host key changed", message.title());
        // the same incident about one engagement keeps its engagement's group
        UUID engagement = UUID.randomUUID();
        Notice one = EngagementMessages.of(new IncidentOpened(engagement, "acme", "kill-switch-pending",
                io.lobsterops.events.Priority.P0, "Kill switch waits", "host out of reach", NOW)).notices().getFirst();
        assertEquals("incident:kill-switch-pending", one.groupKey());
        assertEquals(engagement, one.engagementId());
        assertNull(one.hostId());
    }

    @Test
    void aPlannedMaintenanceTellsTheClientTheTimesButNeverTheInternalReason() {
        UUID engagement = UUID.randomUUID();
        List<Notice> planned = EngagementMessages.maintenancePlanned(engagement, "acme",
                Instant.parse("2026-12-02T22:00:00Z"), Instant.parse("2026-12-02T23:30:00Z"),
                "move to gw-host-17.internal", "sophie").notices();
        assertEquals(List.of(Audience.STAFF, Audience.CLIENT), planned.stream().map(Notice::audience).toList());
        Notice client = planned.get(1);
        assertEquals("Planned maintenance of your agent", client.title());
        assertTrue(client.body().contains("from **Wed 2 Dec 2026, 22:00 UTC** to **Wed 2 Dec 2026, 23:30 UTC**"),
                client.body());
        assertFalse(client.body().contains("gw") || client.body().contains("internal"), client.body());
        assertTrue(planned.getFirst().body().contains("gw\\-host\\-17\\.internal"), planned.getFirst().body());
        assertTrue(planned.getFirst().body().startsWith("sophie planned"), planned.getFirst().body());

        Notice cancelled = EngagementMessages.maintenanceCancelled(engagement, "acme",
                Instant.parse("2026-12-02T22:00:00Z"), false, "sophie").notices().get(1);
        assertEquals("Planned maintenance cancelled", cancelled.title());
        Notice over = EngagementMessages.maintenanceCancelled(engagement, "acme",
                Instant.parse("2026-12-02T22:00:00Z"), true, "sophie").notices().get(1);
        assertEquals("Maintenance of your agent is over", over.title());
    }

    @Test
    void theMonthlyReportHasItsClientWordingReadyForItsEvent() {
        Notice ready = EngagementMessages.monthlyReportReady(UUID.randomUUID(), "acme", "November 2026",
                "https://reports.example/acme/2026-11");
        assertEquals(Audience.CLIENT, ready.audience());
        assertEquals("Your monthly report is ready", ready.title());
        assertTrue(ready.body().contains("**November 2026**"), ready.body());
    }
}
