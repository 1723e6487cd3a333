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

/** The probe's usage answer, in the shape of OpenClaw 2026.9's sessions.usage (aggregates.costDaily/modelDaily). */
class SessionsUsageTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final LocalDate TODAY = LocalDate.parse("2026-12-01");

    static String answer(String cache, String costDaily, String modelDaily) {
        return """
                {"ok":true,"profile":"acme","agentId":"main","rc":0,"usage":{"updatedAt":1796150000000,
                 "startDate":"2026-11-30","endDate":"2026-12-01","sessions":[],"totals":{},
                 "aggregates":{"costDaily":%s,"modelDaily":%s},"cacheStatus":{"status":"%s"}}}
                """.formatted(costDaily, modelDaily, cache);
    }

    @Test
    void eachDayIsOneReadingWithItsMostExpensiveModelAndYesterdayIsFinal() throws Exception {
        List<UsageReading> readings = SessionsUsage.readings(JSON, answer("fresh", """
                [{"date":"2026-11-30","input":1234,"output":56,"cacheRead":10,"cacheWrite":3,"totalTokens":1303,
                  "totalCost":0.004542,"missingCostEntries":0},
                 {"date":"2026-12-01","input":900,"output":30,"cacheRead":0,"cacheWrite":0,"totalTokens":930,
                  "totalCost":0,"missingCostEntries":2}]""", """
                [{"date":"2026-11-30","provider":"fakellm","model":"fake-model","tokens":1200,"cost":0.0045,"count":2},
                 {"date":"2026-11-30","provider":"fakellm","model":"tiny","tokens":103,"cost":0.00004,"count":1}]"""),
                "main", TODAY);
        assertEquals(2, readings.size());
        UsageReading yesterday = readings.get(0);
        assertEquals(LocalDate.parse("2026-11-30"), yesterday.day());
        assertEquals(1234, yesterday.inputTokens());
        assertEquals(56, yesterday.outputTokens());
        assertEquals(10, yesterday.cacheReadTokens());
        assertEquals(3, yesterday.cacheWriteTokens());
        assertEquals(4542, yesterday.costMicroUsd());
        assertEquals("fakellm/fake-model", yesterday.model());
        assertTrue(yesterday.finalForDay());
        UsageReading today = readings.get(1);
        assertFalse(today.finalForDay());
        assertTrue(today.unpriced(), "tokens at $0 are unpriced");
    }

    @Test
    void aCacheStillRefreshingIsNotTrusted() {
        SessionsUsage.Unusable refused = assertThrows(SessionsUsage.Unusable.class,
                () -> SessionsUsage.readings(JSON, answer("refreshing", "[]", "[]"), "main", TODAY));
        assertTrue(refused.getMessage().contains("refreshing"), refused.getMessage());
    }

    @Test
    void aGatewayThatDidNotAnswerReadsAsNothing() {
        assertThrows(SessionsUsage.Unusable.class, () -> SessionsUsage.readings(JSON,
                "{\"ok\":false,\"profile\":\"acme\",\"agentId\":\"main\",\"rc\":1,\"usage\":null}", "main", TODAY));
        assertThrows(SessionsUsage.Unusable.class, () -> SessionsUsage.readings(JSON,
                "{\"ok\":false,\"error\":\"not a probe verb\"}", "main", TODAY));
        assertThrows(SessionsUsage.Unusable.class, () -> SessionsUsage.readings(JSON, "sh: 1: openclaw: not found",
                "main", TODAY));
    }
}
