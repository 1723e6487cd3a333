package io.lobsterops.events;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StageTransitionsTest {

    @Test
    void theHappyPathIsAllowedStepByStep() {
        Stage[] path = { Stage.LEAD, Stage.DISCOVERY, Stage.PROPOSAL, Stage.SIGNED, Stage.PROVISIONING, Stage.CONFIGURING,
                Stage.IN_REVIEW, Stage.DEPLOYING, Stage.TRAINING, Stage.LIVE, Stage.STABLE, Stage.MAINTENANCE,
                Stage.TERMINATED };
        for (int i = 1; i < path.length; i++) {
            assertTrue(StageTransitions.allowed(path[i - 1], path[i], null), path[i - 1] + " -> " + path[i]);
        }
    }

    @Test
    void skippingAStageIsRefused() {
        assertFalse(StageTransitions.allowed(Stage.LEAD, Stage.SIGNED, null));
        assertFalse(StageTransitions.allowed(Stage.SIGNED, Stage.LIVE, null));
        assertFalse(StageTransitions.allowed(Stage.LEAD, Stage.LEAD, null));
    }

    @Test
    void terminatedIsFinal() {
        for (Stage to : Stage.values()) {
            assertFalse(StageTransitions.allowed(Stage.TERMINATED, to, Stage.LIVE));
        }
    }

    @Test
    void anyLiveStageCanBeSuspendedAndResumesWhereItWas() {
        assertTrue(StageTransitions.allowed(Stage.LIVE, Stage.SUSPENDED, null));
        assertTrue(StageTransitions.allowed(Stage.SUSPENDED, Stage.LIVE, Stage.LIVE));
        assertFalse(StageTransitions.allowed(Stage.SUSPENDED, Stage.STABLE, Stage.LIVE));
        assertTrue(StageTransitions.allowed(Stage.SUSPENDED, Stage.TERMINATED, Stage.LIVE));
    }

    @Test
    void trainingLoopsBackForAnotherCycle() {
        assertTrue(StageTransitions.allowed(Stage.TRAINING, Stage.DEPLOYING, null));
        assertTrue(StageTransitions.nextOf(Stage.TRAINING).contains(Stage.LIVE));
    }
}
