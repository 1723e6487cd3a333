package io.lobsterops.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.AgentTerminated;
import io.lobsterops.events.AgentUpgradeRolledBack;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.GoldSetEvaluated;
import io.lobsterops.events.GoldSetEvaluated.CaseResult;
import io.lobsterops.events.GoldSetOccasion;
import io.lobsterops.notification.domain.EngagementMessages.Outcome;

class LifecycleMessagesTest {

    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void theNewEventTypesAreHandled() {
        for (String type : List.of(EventTypes.AGENT_TERMINATED, EventTypes.GOLDSET_EVALUATED,
                EventTypes.AGENT_UPGRADED, EventTypes.AGENT_UPGRADE_ROLLED_BACK, EventTypes.AGENT_ACCEPTED)) {
            assertTrue(EngagementMessages.TYPES.contains(type), type);
        }
    }

    @Test
    void theClientNeverReadsTheInternalReasonOfItsTermination() {
        AgentTerminated terminated = new AgentTerminated(UUID.randomUUID(), "acme", UUID.randomUUID(),
                UUID.randomUUID(), "arrears [3 invoices] on host vps-17", "ab".repeat(32), "sophie", NOW);
        Outcome outcome = EngagementMessages.of(terminated);
        assertEquals(2, outcome.notices().size());
        Notice staff = outcome.notices().get(0);
        Notice client = outcome.notices().get(1);
        assertEquals(Audience.STAFF, staff.audience());
        assertEquals(Priority.P3, staff.priority());
        assertTrue(staff.body().contains("arrears \\[3 invoices\\] on host vps\\-17"), staff.body());
        assertEquals(Audience.CLIENT, client.audience());
        assertFalse(client.body().contains("arrears") || client.body().contains("vps")
                || client.body().contains("sophie"), client.body());
    }

    @Test
    void aFailingGoldSetListsAtMostTwentyCaseIdsAndNeverAnExcerpt() {
        List<CaseResult> cases = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            cases.add(new CaseResult("case-" + i, 1.0, false, "missed [point] " + i, "SECRET ANSWER " + i));
        }
        cases.add(new CaseResult("ok", 1.0, true, null, "fine answer"));
        GoldSetEvaluated failed = new GoldSetEvaluated(UUID.randomUUID(), "acme", UUID.randomUUID(),
                UUID.randomUUID(), "0123456789abcdef0123", "2026.9.6", GoldSetOccasion.UPGRADE, 0.04, 0.8, false,
                cases, NOW);
        Outcome outcome = EngagementMessages.of(failed);
        assertEquals(1, outcome.notices().size());
        assertTrue(outcome.closes().isEmpty());
        Notice notice = outcome.notices().getFirst();
        assertEquals(Audience.STAFF, notice.audience());
        assertEquals(Priority.P2, notice.priority());
        assertEquals("goldset:" + failed.gatewayId(), notice.groupKey());
        assertTrue(notice.body().contains("`case-19`: missed \\[point\\] 19"), notice.body());
        assertFalse(notice.body().contains("`case-20`"), notice.body());
        assertTrue(notice.body().contains("- and 5 more"), notice.body());
        assertTrue(notice.body().contains("25 of 26 cases failed"), notice.body());
        assertTrue(notice.body().contains("after an OpenClaw upgrade"), notice.body());
        assertFalse(notice.body().contains("ANSWER") || notice.body().contains("fine answer"), notice.body());

        GoldSetEvaluated passed = new GoldSetEvaluated(failed.engagementId(), "acme", UUID.randomUUID(),
                failed.gatewayId(), "0123456789abcdef0123", "2026.9.6", GoldSetOccasion.DEPLOYMENT, 0.9, 0.8, true,
                List.of(), NOW);
        Outcome pass = EngagementMessages.of(passed);
        assertEquals(List.of("goldset:" + failed.gatewayId()), pass.closes());
        assertEquals(Priority.P4, pass.notices().getFirst().priority());
        assertEquals(null, pass.notices().getFirst().groupKey());
    }

    @Test
    void aRollbackIsAP1NamingTheFailedStepAndItsReason() {
        Notice notice = EngagementMessages.of(new AgentUpgradeRolledBack(UUID.randomUUID(), "acme",
                UUID.randomUUID(), UUID.randomUUID(), "2026.9.6", "2026.9.7", "readyz", "not ready after 120 s",
                null, NOW)).notices().getFirst();
        assertEquals(Priority.P1, notice.priority());
        assertEquals("Upgrade of acme rolled back at readyz", notice.title());
        assertTrue(notice.body().contains("**readyz**") && notice.body().contains("> not ready after 120 s"),
                notice.body());
        assertTrue(notice.body().contains("asked by someone"), notice.body());
        assertTrue(notice.body().contains("from OpenClaw `2026.9.6` to `2026.9.7`"), notice.body());
        assertEquals("`it's`", LifecycleMessages.code("it`s"));
    }
}
