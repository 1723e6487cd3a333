package io.lobsterops.monitoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class OptimizerTest {

    static final Optimizer OPTIMIZER = new Optimizer(10, 0.85);
    static final UUID ENGAGEMENT = UUID.randomUUID();

    static List<AgentRun> runs(int n, boolean success, double quality) {
        List<AgentRun> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(new AgentRun(ENGAGEMENT, "acme", "inbox-triage", success, 1000 + i * 100L, quality, null,
                    "eric", Instant.parse("2026-11-02T08:00:00Z").plusSeconds(3600L * i), Instant.now()));
        }
        return runs;
    }

    @Test
    void belowTenRecordsItSaysSoAndProposesNothing() {
        Optimizer.Verdict verdict = OPTIMIZER.assess("inbox-triage", Cadence.HOURLY, runs(9, true, 0.99));
        assertFalse(verdict.enoughData());
        assertTrue(verdict.recommendation().isEmpty());
        assertTrue(verdict.advice().contains("only 9 of the 10"), verdict.advice());
    }

    @Test
    void aProvenActivityIsProposedTheNextSlowerCadence() {
        Optimizer.Verdict verdict = OPTIMIZER.assess("inbox-triage", Cadence.HOURLY, runs(10, true, 0.9));
        assertEquals(OptimizerProposal.Kind.CADENCE, verdict.recommendation().orElseThrow().kind());
        assertEquals("DAILY", verdict.recommendation().orElseThrow().proposed());
        assertEquals("WEEKLY", OPTIMIZER.assess("inbox-triage", Cadence.DAILY, runs(12, true, 0.9))
                .recommendation().orElseThrow().proposed());
        assertTrue(OPTIMIZER.assess("inbox-triage", Cadence.WEEKLY, runs(12, true, 0.9)).recommendation().isEmpty());
    }

    @Test
    void poorQualityProposesAStrongerModelNeverASlowerCadence() {
        Optimizer.Verdict verdict = OPTIMIZER.assess("inbox-triage", Cadence.HOURLY, runs(10, true, 0.5));
        assertEquals(OptimizerProposal.Kind.MODEL, verdict.recommendation().orElseThrow().kind());
    }

    @Test
    void anUnreliableActivityKeepsItsCadence() {
        List<AgentRun> mixed = runs(8, true, 0.9);
        mixed.addAll(runs(4, false, 0.9));
        Optimizer.Verdict verdict = OPTIMIZER.assess("inbox-triage", Cadence.HOURLY, mixed);
        assertTrue(verdict.enoughData());
        assertTrue(verdict.recommendation().isEmpty(), verdict.advice());
    }

    @Test
    void statsGiveNearestRankPercentiles() {
        RunStats stats = RunStats.of(runs(20, true, 0.8));
        assertEquals(1900, stats.p50DurationMs());
        assertEquals(2800, stats.p95DurationMs());
        assertEquals(1.0, stats.successRate());
        assertEquals(0.8, stats.meanQuality());
    }
}
