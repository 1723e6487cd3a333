package io.lobsterops.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@value EventTypes#GOLDSET_EVALUATED}: the released gold set was run on the agent's gateway and scored
 * (provisioning-service). Below the threshold an engagement cannot go to TRAINING/LIVE and an upgrade is rolled back;
 * monitoring keeps each evaluation as a quality run.
 */
public record GoldSetEvaluated(
        UUID engagementId,
        String clientId,
        UUID evaluationId,
        UUID gatewayId,
        String releasedCommit,
        String openclawVersion,
        GoldSetOccasion occasion,
        double score,
        double threshold,
        boolean passed,
        List<CaseResult> cases,
        Instant evaluatedAt) implements EngagementEvent {

    /**
     * One case's verdict: {@code reason} says what failed in a few words (e.g. {@code must mention "refund"}), and
     * {@code excerpt} is the start of the agent's answer, redacted of anything that looks like a secret.
     */
    public record CaseResult(String caseId, double weight, boolean passed, String reason, String excerpt) {
    }

    @Override
    public String type() {
        return EventTypes.GOLDSET_EVALUATED;
    }
}
