package io.lobsterops.provisioning.fleet.api;

import java.time.Instant;
import java.util.UUID;

import io.lobsterops.provisioning.fleet.domain.Deployment;
import io.lobsterops.provisioning.fleet.domain.DeploymentStatus;

/**
 * A deployment without the file contents: commit, what it replaced, how it went and its log; {@code attempts} counts
 * the times it was begun (a deployment waiting for an unreachable host says so in {@code reason}). {@code goldSet}:
 * the gold set run after it (staff only, null for a client; ADR 0037).
 */
public record DeploymentView(UUID id, UUID gatewayId, String repository, String commit, String tag,
        String previousCommit, DeploymentStatus status, String approvedBy, String reason, String output,
        int attempts, Instant createdAt, Instant startedAt, Instant finishedAt,
        io.lobsterops.provisioning.fleet.goldset.GoldSetEvaluationView.Summary goldSet) {

    public static DeploymentView from(Deployment d) {
        return from(d, null);
    }

    public static DeploymentView from(Deployment d,
            io.lobsterops.provisioning.fleet.goldset.GoldSetEvaluationView.Summary goldSet) {
        return new DeploymentView(d.id, d.gatewayId, d.repository, d.commit, d.tag, d.previousCommit, d.status,
                d.approvedBy, d.reason, d.output, d.attempts, d.createdAt, d.startedAt, d.finishedAt, goldSet);
    }
}
