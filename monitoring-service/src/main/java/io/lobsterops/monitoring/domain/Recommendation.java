package io.lobsterops.monitoring.domain;

/** What the optimizer would change for one activity and why; the seed of an {@link OptimizerProposal}. */
public record Recommendation(String activity, OptimizerProposal.Kind kind, String current, String proposed,
        String rationale, int records) {
}
