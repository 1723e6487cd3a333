package io.lobsterops.monitoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.Priority;

class EscalationTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static Finding finding(Priority priority) {
        return new Finding(UUID.randomUUID(), "acme", "incident:test", priority, "summary " + priority,
                new io.lobsterops.events.Handoff("context", "tried", List.of("a", "b"), "do a", "today"));
    }

    @Test
    void firingAgainRefreshesAndThePriorityOnlyRises() {
        Escalation escalation = Escalation.raise(finding(Priority.P2), T0);
        escalation.refresh(finding(Priority.P1), T0.plusSeconds(60));
        assertEquals(Priority.P1, escalation.priority);
        escalation.refresh(finding(Priority.P3), T0.plusSeconds(120));
        assertEquals(Priority.P1, escalation.priority);
        assertEquals(3, escalation.firedCount);
        assertEquals(T0.plusSeconds(120), escalation.lastFiredAt);
        assertEquals(List.of("a", "b"), escalation.handoff().options());
    }

    @Test
    void theFirstAcknowledgementAndResolutionStand() {
        Escalation escalation = Escalation.raise(finding(Priority.P0), T0);
        escalation.acknowledge("sofia", T0.plusSeconds(5));
        escalation.acknowledge("eric", T0.plusSeconds(6));
        assertEquals("sofia", escalation.acknowledgedBy);
        assertTrue(escalation.resolve("rebooted", "sofia", T0.plusSeconds(60)));
        assertFalse(escalation.resolve("again", "eric", T0.plusSeconds(70)));
        assertEquals("rebooted", escalation.resolution);
        assertEquals(EscalationState.RESOLVED, escalation.state);
    }

    @Test
    void aSpentBudgetIsMeasuredInPercentOfTheMonthlyCents() {
        TokenBudget budget = TokenBudget.of(UUID.randomUUID(), "acme");
        budget.set(100_00, true, TokenBudget.Source.SUPERVISOR, "sofia", T0);
        assertEquals(79, budget.percentUsed(79_990_000));
        assertEquals(80, budget.percentUsed(80_000_000));
        assertEquals(100, budget.percentUsed(100_000_000));
    }
}
