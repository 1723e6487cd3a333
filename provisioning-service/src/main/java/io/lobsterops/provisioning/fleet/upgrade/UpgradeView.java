package io.lobsterops.provisioning.fleet.upgrade;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.lobsterops.provisioning.fleet.termination.StepLog;

/** An upgrade with its steps (outputs redacted): kept, or rolled back with the failed step and why. */
public record UpgradeView(UUID id, UUID gatewayId, UUID engagementId, String fromVersion, String toVersion,
        String status, String failedStep, String failureReason, String snapshotPath, String requestedBy,
        Instant createdAt, Instant finishedAt, List<StepLog.Entry> steps) {

    static UpgradeView from(Upgrade u) {
        return new UpgradeView(u.id, u.gatewayId, u.engagementId, u.fromVersion, u.toVersion, u.status, u.failedStep,
                u.failureReason, u.snapshotPath, u.requestedBy, u.createdAt, u.finishedAt, StepLog.read(u.steps));
    }

    public boolean finished() {
        return "UPGRADED".equals(status) || "ROLLED_BACK".equals(status) || "FAILED".equals(status);
    }
}
