package io.lobsterops.monitoring.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a monthly status report says, computed from monitoring's own records (ADR 0034): availability from the damped
 * health changes, incidents from the escalations, tokens and cost per day from usage, runs and quality from the run
 * metrics (gold sets included), what changed from the events, and recommendations from the optimizer and the budget.
 * Nothing here names a host, a port, a person of the agency or a review comment: the client reads it.
 */
public record ReportFigures(UUID engagementId, String clientId, String clientName, String period, LocalDate from,
        LocalDate to, Availability availability, Incidents incidents, Usage usage, Runs runs, List<Change> changes,
        List<String> recommendations, Instant computedAt) {

    /** {@code percent} is null when no probe said anything in the month. */
    public record Availability(Double percent, long upMinutes, long downMinutes, int healthChanges) {
    }

    public record Incidents(int raised, Map<String, Integer> byPriority, int resolved, int open,
            Long meanMinutesToResolve, List<Incident> items) {
    }

    public record Incident(String priority, String what, Instant raisedAt, Instant resolvedAt) {
    }

    public record Usage(List<Day> days, long inputTokens, long outputTokens, long totalTokens, long costMicroUsd,
            int unpricedDays, Long budgetUsdCents, Long budgetPercentUsed) {
    }

    public record Day(LocalDate day, long tokens, long costMicroUsd) {
    }

    public record Runs(RunStats overall, int failed, int goldSets, int goldSetsPassed, Double lastGoldSetScore) {
    }

    public record Change(Instant at, String kind, String summary) {
    }
}
