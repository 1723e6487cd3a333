package io.lobsterops.provisioning.fleet.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.provisioning.fleet.domain.Gateway;
import io.lobsterops.provisioning.fleet.termination.StepLog;

/** An upgrade's own rules: interruptions, a failed check rolling back, a failed rollback. */
class UpgradeLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private static Upgrade upgrade() {
        Gateway gateway = Gateway.place(UUID.randomUUID(), "acme", UUID.randomUUID(), 18789, "2026.11.1", "eric", T0);
        return Upgrade.requested(gateway, "2026.12.1", "sam", T0);
    }

    @Test
    void anUpgradeStartsFromTheVersionItsGatewayRuns() {
        Upgrade u = upgrade();
        assertEquals("2026.11.1", u.fromVersion);
        assertEquals(Upgrade.PENDING, u.status);
        assertEquals(UpgradeStep.slugs(), StepLog.read(u.steps).stream().map(e -> e.name).toList());
    }

    @Test
    void anInterruptedUpgradeIsRetriedUntilItWasInterruptedTooOftenInARow() {
        Upgrade u = upgrade();
        List<StepLog.Entry> log = StepLog.read(u.steps);
        u.begin("a", T0.plusSeconds(45), log, log.getFirst(), T0);
        assertTrue(u.interrupted(1, T0));
        assertEquals(Upgrade.INTERRUPTED, u.status);
        assertEquals(T0.plusSeconds(5), u.retryAt);
        assertNull(u.leaseOwner);
        assertFalse(u.interrupted(1, T0), "the caller fails the step now");
        u.stepEnded();
        assertEquals(0, u.interruptions);
    }

    @Test
    void anInterruptionWhileRollingBackKeepsRollingBack() {
        Upgrade u = upgrade();
        List<StepLog.Entry> log = StepLog.read(u.steps);
        u.checkFailed(log, UpgradeStep.READYZ, "not ready", T0);
        assertTrue(u.interrupted(5, T0));
        assertEquals(Upgrade.ROLLING_BACK, u.status);
    }

    @Test
    void aFailedCheckSkipsTheChecksLeftAndRollsBack() {
        Upgrade u = upgrade();
        List<StepLog.Entry> log = StepLog.read(u.steps);
        StepLog.end(StepLog.named(log, UpgradeStep.SNAPSHOT.slug()), "DONE", "ok", T0);
        StepLog.end(StepLog.named(log, UpgradeStep.INSTALL.slug()), "FAILED", "boom", T0);
        u.checkFailed(log, UpgradeStep.INSTALL, "install failed", T0);
        assertEquals(Upgrade.ROLLING_BACK, u.status);
        assertEquals(UpgradeStep.INSTALL.slug(), u.failedStep);
        assertEquals("DONE", StepLog.named(log, UpgradeStep.SNAPSHOT.slug()).status);
        assertEquals("SKIPPED", StepLog.named(log, UpgradeStep.KEEP.slug()).status);
        assertEquals("PENDING", StepLog.named(log, UpgradeStep.ROLLBACK.slug()).status);

        u.rollbackFailed("install failed; the rollback failed too: no snapshot", T0.plusSeconds(9));
        assertEquals(Upgrade.FAILED, u.status);
        assertTrue(u.finished());
        assertEquals(T0.plusSeconds(9), u.finishedAt);
        assertEquals("install failed; the rollback failed too: no snapshot", u.failureReason);
    }
}
