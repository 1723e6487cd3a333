package io.lobsterops.monitoring.openclaw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.monitoring.domain.UsageReading;

/** The probe's ledger answer (monitoring-probe.sh, verb ledger), as the real gateway test reads it from OpenClaw 2026.9. */
class TranscriptLedgerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final LocalDate TODAY = LocalDate.parse("2026-12-01");

    static String answer(String days) {
        return """
                {"ok":true,"profile":"acme","agentId":"main","rc":0,"ledger":{"turns":4,
                 "sources":{"live":12,"archived":1,"files":1},"days":%s}}
                """.formatted(days);
    }

    @Test
    void eachDayIsOneReadingSummedOverItsModelsNamedAfterTheBiggestAndYesterdayIsFinal() throws Exception {
        List<UsageReading> readings = TranscriptLedger.readings(JSON, answer("""
                [{"date":"2026-11-30","provider":"fakellm","model":"small","turns":1,"input":100,"output":10,
                  "cacheRead":0,"cacheWrite":0,"cost":0.0005,"unpricedTurns":0},
                 {"date":"2026-12-01","provider":"fakellm","model":"small","turns":1,"input":100,"output":10,
                  "cacheRead":5,"cacheWrite":0,"cost":0.0005,"unpricedTurns":0},
                 {"date":"2026-12-01","provider":"anthropic","model":"big","turns":2,"input":2400,"output":80,
                  "cacheRead":0,"cacheWrite":7,"cost":0.009084,"unpricedTurns":0}]
                """), "main", TODAY);
        assertEquals(2, readings.size());
        UsageReading yesterday = readings.getFirst();
        assertEquals(LocalDate.parse("2026-11-30"), yesterday.day());
        assertTrue(yesterday.finalForDay());
        assertEquals(500, yesterday.costMicroUsd());
        UsageReading today = readings.get(1);
        assertFalse(today.finalForDay());
        assertEquals("anthropic/big", today.model());
        assertEquals(2500, today.inputTokens());
        assertEquals(90, today.outputTokens());
        assertEquals(5, today.cacheReadTokens());
        assertEquals(7, today.cacheWriteTokens());
        assertEquals(9584, today.costMicroUsd());
        assertEquals("main", today.agentId());
    }

    @Test
    void tokensAtZeroCostReadAsUnpriced() throws Exception {
        UsageReading reading = TranscriptLedger.readings(JSON, answer("""
                [{"date":"2026-12-01","provider":"fakellm","model":"local-fake-model","turns":2,"input":2400,
                  "output":80,"cacheRead":0,"cacheWrite":0,"cost":0,"unpricedTurns":2}]
                """), "main", TODAY).getFirst();
        assertTrue(reading.unpriced());
    }

    @Test
    void aDayWithoutTurnsIsNoReading() throws Exception {
        assertEquals(List.of(), TranscriptLedger.readings(JSON, answer("[]"), "main", TODAY));
    }

    @Test
    void aRefusalAFailureOrSomethingElseIsUnusable() {
        TranscriptLedger.Unusable refused = assertThrows(TranscriptLedger.Unusable.class, () -> TranscriptLedger
                .readings(JSON, "{\"ok\":false,\"error\":\"no agent main in profile acme\"}", "main", TODAY));
        assertTrue(refused.getMessage().contains("no agent main"), refused.getMessage());
        assertThrows(TranscriptLedger.Unusable.class, () -> TranscriptLedger.readings(JSON,
                "{\"ok\":false,\"profile\":\"acme\",\"agentId\":\"main\",\"rc\":124,\"ledger\":null}", "main", TODAY));
        assertThrows(TranscriptLedger.Unusable.class, () -> TranscriptLedger.readings(JSON,
                "sh: 1: node: not found", "main", TODAY));
        assertThrows(TranscriptLedger.Unusable.class, () -> TranscriptLedger.readings(JSON,
                answer("[{\"date\":\"yesterday\",\"input\":1}]"), "main", TODAY));
    }
}
