package io.lobsterops.provisioning.fleet.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The provisioning run's state machine, without a database: steps, interruptions, failure, success, resume. */
class ProvisioningRunTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private static ProvisioningRun run() {
        Gateway gateway = Gateway.place(UUID.randomUUID(), "acme", UUID.randomUUID(), 18789, "2026.11.1", "eric", T0);
        return ProvisioningRun.start(gateway, "eric", T0);
    }

    private static void runEveryStep(ProvisioningRun run) {
        for (RunStep step : run.steps) {
            run.begin(step, T0);
            run.stepEnded(step, StepStatus.DONE, 0, "ok", T0);
        }
    }

    @Test
    void anotherInstancesLiveLeaseKeepsTheRunUntilItLapses() {
        ProvisioningRun run = run();
        assertTrue(run.claim("a", T0, T0.plusSeconds(45)));
        assertFalse(run.claim("b", T0.plusSeconds(44), T0.plusSeconds(89)));
        assertTrue(run.claim("a", T0.plusSeconds(44), T0.plusSeconds(89)), "its own lease is renewed");
        assertTrue(run.claim("b", T0.plusSeconds(90), T0.plusSeconds(135)), "a lapsed lease is taken over");
        assertEquals("b", run.leaseOwner);
    }

    @Test
    void aFinishedRunIsNeverClaimed() {
        ProvisioningRun run = run();
        runEveryStep(run);
        run.succeeded(T0);
        assertFalse(run.claim("a", T0, T0.plusSeconds(45)));
    }

    @Test
    void beginningAStepRunsItOnceMoreAndClearsARetry() {
        ProvisioningRun run = run();
        RunStep step = run.nextStep().orElseThrow();
        run.stepInterrupted(step, null, "unreachable", "unreachable", 3, T0.plusSeconds(5), T0);
        run.begin(step, T0.plusSeconds(5));
        assertEquals(RunStatus.RUNNING, run.status);
        assertNull(run.retryAt);
        assertEquals(StepStatus.RUNNING, step.status);
        assertEquals(T0.plusSeconds(5), step.startedAt);
        assertNull(step.finishedAt);
        assertEquals(1, step.attempts);
    }

    @Test
    void theLastStepDoneSucceedsTheRunAndInstallsTheGatewayOnce() {
        ProvisioningRun run = run();
        RunStep last = run.steps.getLast();
        for (RunStep step : run.steps) {
            run.begin(step, T0);
            assertEquals(step == last, run.stepEnded(step, StepStatus.DONE, 0, "ok", T0));
        }
        assertTrue(run.succeeded(T0.plusSeconds(60)), "the first installation is announced");
        assertEquals(RunStatus.SUCCEEDED, run.status);
        assertEquals(T0.plusSeconds(60), run.finishedAt);
        assertNull(run.leaseOwner);
        assertEquals(GatewayState.RUNNING, run.gateway.state);

        ProvisioningRun rerun = ProvisioningRun.start(run.gateway, "eric", T0.plusSeconds(120));
        runEveryStep(rerun);
        assertFalse(rerun.succeeded(T0.plusSeconds(180)), "a rerun of a running gateway installs nothing new");
    }

    @Test
    void aRunThatSucceedsWhileTheKillSwitchHoldsItsGatewayLeavesItSuspended() {
        ProvisioningRun run = run();
        run.gateway.requestKill("budget", "rule", T0);
        runEveryStep(run);
        assertFalse(run.succeeded(T0));
        assertEquals(GatewayState.SUSPENDING, run.gateway.state);
    }

    @Test
    void anInterruptedStepWaitsForItsRetryAndFailsTheRunAfterTooManyInARow() {
        ProvisioningRun run = run();
        run.claim("a", T0, T0.plusSeconds(45));
        RunStep step = run.nextStep().orElseThrow();
        for (int i = 1; i <= 2; i++) {
            run.begin(step, T0);
            assertFalse(run.stepInterrupted(step, null, "no route", "no route", 2, T0.plusSeconds(5), T0));
            assertEquals(RunStatus.INTERRUPTED, run.status);
            assertEquals(StepStatus.PENDING, step.status);
            assertEquals(T0.plusSeconds(5), run.retryAt);
            assertNull(run.leaseOwner, "whichever instance retries it");
        }
        run.begin(step, T0);
        assertTrue(run.stepInterrupted(step, null, "no route", "no route", 2, T0.plusSeconds(5), T0));
        assertEquals(RunStatus.FAILED, run.status);
        assertEquals(StepStatus.FAILED, step.status);
        assertEquals("host unreachable 3 times in a row: no route", run.failureReason);
        assertEquals(step.name.slug(), run.failedStep);
        assertNull(run.retryAt);
        assertEquals(GatewayState.FAILED, run.gateway.state);
    }

    @Test
    void aStepDoneAfterInterruptionsStartsTheCountAgain() {
        ProvisioningRun run = run();
        RunStep step = run.nextStep().orElseThrow();
        run.stepInterrupted(step, null, "no route", "no route", 2, T0.plusSeconds(5), T0);
        run.stepInterrupted(step, null, "no route", "no route", 2, T0.plusSeconds(5), T0);
        run.begin(step, T0);
        run.stepEnded(step, StepStatus.SKIPPED, null, "already there", T0);
        assertEquals(0, run.interruptions);
    }

    @Test
    void aFailedStepFailsTheRunButNotAGatewayThatAlreadyRuns() {
        ProvisioningRun first = run();
        RunStep step = first.nextStep().orElseThrow();
        first.begin(step, T0);
        first.stepFailed(step, 1, "boom", "installing failed", T0.plusSeconds(1));
        assertEquals(RunStatus.FAILED, first.status);
        assertEquals(StepStatus.FAILED, step.status);
        assertEquals(1, step.exitStatus);
        assertEquals("boom", step.output);
        assertEquals(GatewayState.FAILED, first.gateway.state);

        Gateway running = first.gateway;
        first.resume();
        runEveryStep(first);
        first.succeeded(T0);
        ProvisioningRun rerun = ProvisioningRun.start(running, "eric", T0);
        RunStep again = rerun.nextStep().orElseThrow();
        rerun.stepFailed(again, 1, "boom", "installing failed", T0);
        assertEquals(GatewayState.RUNNING, running.state);
    }

    @Test
    void resumingAFailedRunGoesAgainFromItsFailedStepAndLeavesAnyOtherRunAlone() {
        ProvisioningRun run = run();
        RunStep first = run.steps.getFirst();
        run.begin(first, T0);
        run.stepEnded(first, StepStatus.DONE, 0, "ok", T0);
        RunStep second = run.nextStep().orElseThrow();
        run.begin(second, T0);
        run.stepFailed(second, 1, "boom", "failed", T0);

        run.resume();
        assertEquals(RunStatus.PENDING, run.status);
        assertNull(run.finishedAt);
        assertEquals(StepStatus.DONE, first.status);
        assertEquals(StepStatus.PENDING, second.status);
        assertEquals(second, run.nextStep().orElseThrow());
        assertEquals(GatewayState.PROVISIONING, run.gateway.state);

        runEveryStep(run);
        run.succeeded(T0);
        run.resume();
        assertEquals(RunStatus.SUCCEEDED, run.status, "a finished run is left as it is");
    }
}
