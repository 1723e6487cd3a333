package io.lobsterops.monitoring.domain;

import java.util.List;
import java.util.Optional;

/**
 * The engagement playbook's optimizer, per activity. Below {@code minimumRecords} runs it says so and proposes
 * nothing. With enough runs: quality under the escalation floor proposes a stronger model; a reliable, good activity
 * (success ≥ 90 %, mean quality ≥ the promotion bar) proposes the next slower cadence (hourly → daily → weekly).
 * It only ever proposes; a supervisor decides.
 */
public final class Optimizer {

    public static final double QUALITY_FLOOR = 0.70;

    private final int minimumRecords;
    private final double promotionQuality;

    public Optimizer(int minimumRecords, double promotionQuality) {
        this.minimumRecords = minimumRecords;
        this.promotionQuality = promotionQuality;
    }

    /** The verdict for one activity: enough data or not, and what would change. */
    public record Verdict(String activity, int records, boolean enoughData, Cadence cadence, RunStats stats,
            String advice, Optional<Recommendation> recommendation) {
    }

    public Verdict assess(String activity, Cadence cadence, List<AgentRun> runs) {
        RunStats stats = RunStats.of(runs);
        if (runs.size() < minimumRecords) {
            return new Verdict(activity, runs.size(), false, cadence, stats, "only " + runs.size() + " of the "
                    + minimumRecords + " runs needed: nothing proposed until there are enough", Optional.empty());
        }
        if (stats.meanQuality() != null && stats.meanQuality() < QUALITY_FLOOR) {
            Recommendation stronger = new Recommendation(activity, OptimizerProposal.Kind.MODEL, "current model",
                    "a stronger model", "mean quality " + stats.meanQuality() + " over " + stats.scored()
                            + " scored runs is below " + QUALITY_FLOOR + "; review the prompt and try a stronger model",
                    runs.size());
            return new Verdict(activity, runs.size(), true, cadence, stats, stronger.rationale(),
                    Optional.of(stronger));
        }
        Optional<Cadence> slower = cadence.slower();
        boolean proven = stats.successRate() >= 0.9 && stats.meanQuality() != null
                && stats.meanQuality() >= promotionQuality;
        if (proven && slower.isPresent()) {
            Recommendation promote = new Recommendation(activity, OptimizerProposal.Kind.CADENCE, cadence.name(),
                    slower.get().name(), "success " + percent(stats.successRate()) + " and mean quality "
                            + stats.meanQuality() + " over " + runs.size() + " runs: " + cadence.name().toLowerCase()
                            + " runs are no longer needed, " + slower.get().name().toLowerCase() + " saves tokens",
                    runs.size());
            return new Verdict(activity, runs.size(), true, cadence, stats, promote.rationale(),
                    Optional.of(promote));
        }
        String advice = slower.isEmpty() ? "already weekly and healthy: no change"
                : "success " + percent(stats.successRate()) + ", mean quality " + stats.meanQuality()
                        + ": not proven enough (success ≥ 90 % and quality ≥ " + promotionQuality
                        + ") to slow down; keep " + cadence.name().toLowerCase();
        return new Verdict(activity, runs.size(), true, cadence, stats, advice, Optional.empty());
    }

    private static String percent(double rate) {
        return Math.round(rate * 100) + " %";
    }
}
