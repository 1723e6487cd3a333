package io.lobsterops.provisioning.fleet.termination;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A termination as staff follow it: its steps (outputs redacted), status and archive. */
public record TerminationView(UUID id, UUID engagementId, String clientId, UUID gatewayId, String reason,
        String requestedBy, String status, String failedStep, String failureReason, Instant createdAt,
        Instant finishedAt, String archiveManifestSha256, Instant retainUntil, Instant archiveDeletedAt,
        List<StepLog.Entry> steps) {

    static TerminationView from(Termination t) {
        return new TerminationView(t.id, t.engagementId, t.clientId, t.gatewayId, t.reason, t.requestedBy, t.status,
                t.failedStep, t.failureReason, t.createdAt, t.finishedAt, t.archiveManifestSha256, t.retainUntil,
                t.archiveDeletedAt, StepLog.read(t.steps));
    }
}
