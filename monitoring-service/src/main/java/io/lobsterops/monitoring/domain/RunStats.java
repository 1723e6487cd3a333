package io.lobsterops.monitoring.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Success rate, duration percentiles and mean quality of a set of runs. */
public record RunStats(int runs, double successRate, long p50DurationMs, long p95DurationMs, Double meanQuality,
        int scored) {

    public static RunStats of(List<AgentRun> runs) {
        if (runs.isEmpty()) {
            return new RunStats(0, 0, 0, 0, null, 0);
        }
        long successes = runs.stream().filter(run -> run.success).count();
        long[] durations = runs.stream().mapToLong(run -> run.durationMs).sorted().toArray();
        double[] qualities = runs.stream().map(run -> run.quality).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).toArray();
        Double mean = qualities.length == 0 ? null : round(Arrays.stream(qualities).average().orElseThrow());
        return new RunStats(runs.size(), round((double) successes / runs.size()), percentile(durations, 50),
                percentile(durations, 95), mean, qualities.length);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
