package io.lobsterops.provisioning.fleet.goldset;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.lobsterops.events.GoldSetEvaluated.CaseResult;
import io.lobsterops.events.GoldSetOccasion;

/** One gold-set evaluation for staff: where, why, how it scored, each case's verdict and redacted excerpt. */
public record GoldSetEvaluationView(UUID id, UUID gatewayId, UUID deploymentId, String releasedCommit,
        String openclawVersion, GoldSetOccasion occasion, GoldSetEvaluation.Status status, Double score,
        Double threshold, Boolean passed, List<CaseResult> cases, String note, int attempts, Instant createdAt,
        Instant evaluatedAt) {

    static GoldSetEvaluationView from(GoldSetEvaluation e, List<CaseResult> cases) {
        return new GoldSetEvaluationView(e.id, e.gatewayId, e.deploymentId, e.releasedCommit, e.openclawVersion,
                e.occasion, e.status, e.score, e.threshold, e.passed, cases, e.note, e.attempts, e.createdAt,
                e.evaluatedAt);
    }

    /** The evaluation in a deployment's view: its status and score, without the cases. */
    public record Summary(UUID evaluationId, GoldSetEvaluation.Status status, Double score, Double threshold,
            Boolean passed, String note) {

        public static Summary from(GoldSetEvaluation e) {
            return new Summary(e.id, e.status, e.score, e.threshold, e.passed, e.note);
        }
    }
}
