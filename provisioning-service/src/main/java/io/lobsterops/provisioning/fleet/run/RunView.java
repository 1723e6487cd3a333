package io.lobsterops.provisioning.fleet.run;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.lobsterops.provisioning.fleet.domain.ProvisioningRun;
import io.lobsterops.provisioning.fleet.domain.RunStatus;
import io.lobsterops.provisioning.fleet.domain.RunStep;
import io.lobsterops.provisioning.fleet.domain.StepStatus;

/** A provisioning run and each step's status, times, exit status and (redacted) output. */
public record RunView(UUID id, UUID gatewayId, UUID engagementId, UUID hostId, RunStatus status, String startedBy,
        Instant createdAt, Instant finishedAt, String failedStep, String failureReason, int interruptions,
        Instant retryAt, List<StepView> steps) {

    public record StepView(int ordinal, String name, StepStatus status, Instant startedAt, Instant finishedAt,
            Integer exitStatus, int attempts, String output) {

        static StepView from(RunStep step) {
            return new StepView(step.ordinal, step.name.slug(), step.status, step.startedAt, step.finishedAt,
                    step.exitStatus, step.attempts, step.output);
        }
    }

    public static RunView from(ProvisioningRun run) {
        return new RunView(run.id, run.gateway.id, run.engagementId, run.gateway.hostId, run.status, run.startedBy,
                run.createdAt, run.finishedAt, run.failedStep, run.failureReason, run.interruptions, run.retryAt,
                run.steps.stream().map(StepView::from).toList());
    }
}
