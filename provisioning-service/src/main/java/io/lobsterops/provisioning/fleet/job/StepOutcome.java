package io.lobsterops.provisioning.fleet.job;

import io.lobsterops.provisioning.fleet.domain.HostFacts;

/** How a step ended, with its (already redacted) output. */
public record StepOutcome(Kind kind, Integer exitStatus, String output, String reason, HostFacts facts,
        String presentedHostKey) {

    public enum Kind {
        DONE,
        SKIPPED,
        FAILED,
        /** The host could not be reached or the connection broke: retry the same step later. */
        INTERRUPTED,
        HOST_KEY_CHANGED
    }

    public static StepOutcome done(Integer exit, String output) {
        return new StepOutcome(Kind.DONE, exit, output, null, null, null);
    }

    public static StepOutcome skipped(String why) {
        return new StepOutcome(Kind.SKIPPED, null, why, null, null, null);
    }

    public static StepOutcome failed(Integer exit, String output, String reason) {
        return new StepOutcome(Kind.FAILED, exit, output, reason, null, null);
    }

    public static StepOutcome interrupted(String reason) {
        return new StepOutcome(Kind.INTERRUPTED, null, reason, reason, null, null);
    }

    public static StepOutcome hostKeyChanged(String presented, String reason) {
        return new StepOutcome(Kind.HOST_KEY_CHANGED, null, reason, reason, null, presented);
    }

    public StepOutcome withFacts(HostFacts gathered) {
        return new StepOutcome(kind, exitStatus, output, reason, gathered, presentedHostKey);
    }
}
