package io.lobsterops.provisioning.fleet.termination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.provisioning.api.ProvisioningProblems;

/** A termination's own rules: who drives it, and that only a failed one is resumed, from its failed step. */
class TerminationLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private static Termination termination() {
        return Termination.requested(UUID.randomUUID(), "acme", UUID.randomUUID(), "contract ended", "sam", null, T0);
    }

    private static Termination failedAtItsFirstStep() {
        Termination t = termination();
        List<StepLog.Entry> log = StepLog.read(t.steps);
        StepLog.Entry first = StepLog.next(log).orElseThrow();
        t.begin("a", T0.plusSeconds(45), log, first, T0);
        StepLog.end(first, "FAILED", "boom", T0);
        t.fail(first.name, "boom", T0);
        t.steps(log);
        return t;
    }

    @Test
    void anotherInstancesLiveLeaseKeepsTheTerminationUntilItLapses() {
        Termination t = termination();
        List<StepLog.Entry> log = StepLog.read(t.steps);
        t.begin("a", T0.plusSeconds(45), log, StepLog.next(log).orElseThrow(), T0);
        assertEquals(Termination.RUNNING, t.status);
        assertEquals("RUNNING", StepLog.read(t.steps).getFirst().status);
        assertFalse(t.claimable("b", T0.plusSeconds(44)));
        assertTrue(t.claimable("a", T0.plusSeconds(44)));
        assertTrue(t.claimable("b", T0.plusSeconds(46)));
    }

    @Test
    void onlyAFailedTerminationIsResumed() {
        Termination t = termination();
        ProblemException refused = assertThrows(ProblemException.class, t::resume);
        assertEquals(ProvisioningProblems.TERMINATION_NOT_RESUMABLE, refused.type());
        assertEquals(Termination.PENDING, t.status);
    }

    @Test
    void aResumedTerminationGoesAgainFromItsFailedStep() {
        Termination t = failedAtItsFirstStep();
        assertFalse(t.claimable("a", T0), "a finished termination is driven by nobody");
        t.resume();
        assertEquals(Termination.PENDING, t.status);
        assertNull(t.failedStep);
        assertNull(t.finishedAt);
        List<StepLog.Entry> log = StepLog.read(t.steps);
        assertEquals("PENDING", log.getFirst().status);
        assertEquals(log.getFirst().name, StepLog.next(log).orElseThrow().name);
    }
}
