package io.lobsterops.monitoring.openclaw;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.monitoring.domain.UsageReading;

/**
 * Reads what the probe's {@code usage} verb answers: OpenClaw's {@code sessions.usage} for one agent and a UTC date
 * range, grouped by session family so rotated and archived sessions count (2026.9: {@code aggregates.costDaily[]} with
 * {@code date, input, output, cacheRead, cacheWrite, totalCost, missingCostEntries}, {@code aggregates.modelDaily[]}
 * with {@code date, provider, model, cost}, and {@code cacheStatus.status}). Only a fresh answer is trusted: a cache
 * still refreshing reads as nothing, and the next reading tries again.
 */
public final class SessionsUsage {

    private SessionsUsage() {
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
     * @throws Unusable when the probe failed, the gateway did not answer, or its figures are not fresh yet
     */
    public static List<UsageReading> readings(ObjectMapper json, String probeOutput, String agentId, LocalDate today)
            throws Unusable {
        JsonNode answer;
        try {
            answer = json.readTree(probeOutput);
        } catch (Exception e) {
            throw new Unusable("the probe answered no JSON: " + abbreviate(probeOutput));
        }
        if (answer == null || !answer.path("ok").asBoolean(false) || !answer.path("usage").isObject()) {
            throw new Unusable("the gateway did not answer sessions.usage (probe rc " + answer.path("rc").asText("?")
                    + ", " + answer.path("error").asText("no usage") + ")");
        }
        JsonNode usage = answer.path("usage");
        String cache = usage.path("cacheStatus").path("status").asText("fresh");
        if (!"fresh".equals(cache)) {
            throw new Unusable("sessions.usage is not fresh yet (cache " + cache + ")");
        }
        Map<String, String> modelOfDay = new HashMap<>();
        Map<String, Double> modelCost = new HashMap<>();
        for (JsonNode day : usage.path("aggregates").path("modelDaily")) {
            String date = day.path("date").asText();
            double cost = day.path("cost").asDouble();
            if (!modelOfDay.containsKey(date) || cost > modelCost.get(date)) {
                String provider = day.path("provider").asText("");
                modelOfDay.put(date, (provider.isEmpty() ? "" : provider + "/") + day.path("model").asText(""));
                modelCost.put(date, cost);
            }
        }
        List<UsageReading> readings = new ArrayList<>();
        for (JsonNode day : usage.path("aggregates").path("costDaily")) {
            LocalDate date;
            try {
                date = LocalDate.parse(day.path("date").asText());
            } catch (DateTimeParseException e) {
                throw new Unusable("sessions.usage names a day that is not a date: " + day.path("date").asText());
            }
            long microUsd = Math.round(day.path("totalCost").asDouble() * 1_000_000);
            readings.add(new UsageReading(agentId, date, modelOfDay.get(date.toString()),
                    day.path("input").asLong(), day.path("output").asLong(), day.path("cacheRead").asLong(),
                    day.path("cacheWrite").asLong(), microUsd, date.isBefore(today)));
        }
        return readings;
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() > 120 ? flat.substring(0, 120) + "…" : flat;
    }
}
