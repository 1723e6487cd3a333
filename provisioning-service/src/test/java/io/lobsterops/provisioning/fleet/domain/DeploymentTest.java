package io.lobsterops.provisioning.fleet.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** A deployment's own rules: who may drive it when, what an interruption and the end record. */
class DeploymentTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private static Deployment deployment() {
        Deployment deployment = Deployment.approved(UUID.randomUUID(), "event-1", "acme.git", "abc123", "v1", "sam",
                "[]", T0);
        deployment.bindTo(UUID.randomUUID());
        return deployment;
    }

    @Test
    void aPendingDeploymentStartsOnceAndRemembersWhatToRollBackTo() {
        Deployment deployment = deployment();
        assertTrue(deployment.claimable("a", T0));
        deployment.begin("a", "old", T0.plusSeconds(45), T0);
        assertEquals(DeploymentStatus.RUNNING, deployment.status);
        assertEquals("old", deployment.previousCommit);
        assertEquals(T0, deployment.startedAt);
        assertEquals(1, deployment.attempts);
    }

    @Test
    void aRunningDeploymentIsTakenOverOnlyOnceItsLeaseLapsed() {
        Deployment deployment = deployment();
        deployment.begin("a", "old", T0.plusSeconds(45), T0);
        assertFalse(deployment.claimable("b", T0.plusSeconds(44)));
        assertTrue(deployment.claimable("a", T0.plusSeconds(44)));
        assertThrows(IllegalStateException.class, () -> deployment.begin("b", "newer", T0.plusSeconds(89), T0));

        deployment.begin("b", "newer", T0.plusSeconds(91), T0.plusSeconds(46));
        assertEquals("b", deployment.leaseOwner);
        assertEquals("old", deployment.previousCommit, "a takeover keeps what the first attempt saw");
        assertEquals(T0, deployment.startedAt);
        assertEquals(2, deployment.attempts);
    }

    @Test
    void anInterruptedDeploymentWaitsForItsRetryTime() {
        Deployment deployment = deployment();
        deployment.begin("a", null, T0.plusSeconds(45), T0);
        deployment.interrupted("host unreachable: timeout", T0.plusSeconds(5));
        assertEquals(DeploymentStatus.PENDING, deployment.status);
        assertNull(deployment.leaseOwner);
        assertEquals("host unreachable: timeout (attempt 1; retried)", deployment.reason);
        assertFalse(deployment.claimable("a", T0.plusSeconds(4)));
        assertTrue(deployment.claimable("b", T0.plusSeconds(6)));
    }

    @Test
    void aFinishedDeploymentIsNeverClaimedAgain() {
        Deployment deployment = deployment();
        deployment.begin("a", null, T0.plusSeconds(45), T0);
        deployment.finished(DeploymentStatus.DEPLOYED, "$ restart -> exit 0", null, T0.plusSeconds(30));
        assertEquals(T0.plusSeconds(30), deployment.finishedAt);
        assertNull(deployment.leaseUntil);
        assertFalse(deployment.claimable("a", T0.plusSeconds(90)));
    }

    @Test
    void anApprovalForATerminatedGatewayIsKeptButNeverRun() {
        Deployment deployment = Deployment.approved(UUID.randomUUID(), "event-1", "acme.git", "abc123", null, "sam",
                "[]", T0);
        deployment.notDeployed(UUID.randomUUID(), "not deployed: the gateway was terminated", T0);
        assertEquals(DeploymentStatus.FAILED, deployment.status);
        assertFalse(deployment.claimable("a", T0));
    }
}
