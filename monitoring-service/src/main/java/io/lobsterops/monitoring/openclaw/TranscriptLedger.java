package io.lobsterops.monitoring.openclaw;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.monitoring.domain.UsageReading;

/**
 * Reads what the probe's {@code ledger} verb answers: every assistant turn recorded in one agent's transcripts —
 * live sessions and the archives of deleted and reset ones, each turn once by its id — summed per UTC day and model
 * ({@code days[]} with {@code date, provider, model, turns, input, output, cacheRead, cacheWrite, cost,
 * unpricedTurns}; cost in USD as the gateway priced each turn). This, not OpenClaw's {@code sessions.usage}, is the
 * count monitoring records: 2026.9's {@code sessions.usage} leaves automation (cron) sessions and deleted sessions out
 * of its totals (ADR 0026). A day with several models is one reading named after the model that used most tokens.
 */
public final class TranscriptLedger {

    private TranscriptLedger() {
    }

    /** Why an answer was not used. */
    public static final class Unusable extends Exception {

        public Unusable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The readings in the probe's answer; a day before {@code today} is final (the gateway will not add to it).
     *
     * @throws Unusable when the probe failed or refused, or answered something that is not a ledger
     */
    public static List<UsageReading> readings(ObjectMapper json, String probeOutput, String agentId, LocalDate today)
            throws Unusable {
        JsonNode answer;
        try {
            answer = json.readTree(probeOutput);
        } catch (Exception e) {
            throw new Unusable("the probe answered no JSON: " + abbreviate(probeOutput));
        }
        if (answer == null || !answer.path("ok").asBoolean(false) || !answer.path("ledger").path("days").isArray()) {
            throw new Unusable("the probe read no ledger (rc " + (answer == null ? "?" : answer.path("rc").asText("?"))
                    + ", " + (answer == null ? "empty answer" : answer.path("error").asText("no ledger")) + ")");
        }
        Map<LocalDate, Day> days = new LinkedHashMap<>();
        for (JsonNode row : answer.path("ledger").path("days")) {
            LocalDate date;
            try {
                date = LocalDate.parse(row.path("date").asText());
            } catch (DateTimeParseException e) {
                throw new Unusable("the ledger names a day that is not a date: " + row.path("date").asText());
            }
            String provider = row.path("provider").asText("");
            String model = (provider.isEmpty() ? "" : provider + "/") + row.path("model").asText("");
            days.computeIfAbsent(date, d -> new Day()).add(model, row);
        }
        List<UsageReading> readings = new ArrayList<>();
        days.forEach((date, day) -> readings.add(new UsageReading(agentId, date, day.model, day.input, day.output,
                day.cacheRead, day.cacheWrite, Math.round(day.costUsd * 1_000_000), date.isBefore(today))));
        return readings;
    }

    /** One day's sums over its models, named after the model that used most tokens. */
    private static final class Day {
        String model;
        long modelTokens = -1;
        long input;
        long output;
        long cacheRead;
        long cacheWrite;
        double costUsd;

        void add(String rowModel, JsonNode row) {
            long in = row.path("input").asLong();
            long out = row.path("output").asLong();
            long read = row.path("cacheRead").asLong();
            long write = row.path("cacheWrite").asLong();
            input += in;
            output += out;
            cacheRead += read;
            cacheWrite += write;
            costUsd += row.path("cost").asDouble();
            if (in + out + read + write > modelTokens) {
                model = rowModel;
                modelTokens = in + out + read + write;
            }
        }
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() > 120 ? flat.substring(0, 120) + "…" : flat;
    }
}
