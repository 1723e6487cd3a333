package io.lobsterops.provisioning.fleet.termination;

import java.util.List;

import io.lobsterops.provisioning.fleet.job.StepOutcome;

/** How a termination step ended: its (redacted) output, and what it archived or deleted. */
record TerminationOutcome(StepOutcome.Kind kind, String output, String reason, ArchiveStore.Stored archive,
        String repositoryNote, List<Deleted> deleted) {

    static TerminationOutcome done(String output, List<Deleted> deleted) {
        return new TerminationOutcome(StepOutcome.Kind.DONE, output, null, null, null, deleted);
    }

    static TerminationOutcome skipped(String why) {
        return new TerminationOutcome(StepOutcome.Kind.SKIPPED, why, null, null, null, List.of());
    }

    static TerminationOutcome failed(String output, String reason) {
        return new TerminationOutcome(StepOutcome.Kind.FAILED, output, reason, null, null, List.of());
    }

    static TerminationOutcome interrupted(String reason) {
        return new TerminationOutcome(StepOutcome.Kind.INTERRUPTED, reason, reason, null, null, List.of());
    }
}
