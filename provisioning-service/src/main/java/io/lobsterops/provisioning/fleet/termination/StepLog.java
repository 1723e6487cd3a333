package io.lobsterops.provisioning.fleet.termination;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ordered steps of a termination or an upgrade, kept as one JSON column (ADR 0040): name, status, times, attempts
 * and the step's output, redacted before it is stored. A step is PENDING, RUNNING, DONE, SKIPPED or FAILED.
 */
public final class StepLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One step; times as ISO-8601 text. */
    public static final class Entry {
        public String name;
        public String status = "PENDING";
        public String startedAt;
        public String finishedAt;
        public int attempts;
        public String output;

        public Entry() {
        }

        Entry(String name) {
            this.name = name;
        }

        public boolean complete() {
            return "DONE".equals(status) || "SKIPPED".equals(status);
        }
    }

    private StepLog() {
    }

    public static String of(List<String> names) {
        List<Entry> entries = new ArrayList<>();
        names.forEach(name -> entries.add(new Entry(name)));
        return write(entries);
    }

    public static List<Entry> read(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<Entry>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable step log", e);
        }
    }

    public static String write(List<Entry> entries) {
        try {
            return JSON.writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("step log not writable", e);
        }
    }

    public static Optional<Entry> next(List<Entry> entries) {
        return entries.stream().filter(e -> !e.complete()).findFirst();
    }

    public static Entry named(List<Entry> entries, String name) {
        return entries.stream().filter(e -> e.name.equals(name)).findFirst().orElseThrow();
    }

    public static void begin(Entry entry, Instant now) {
        entry.status = "RUNNING";
        entry.startedAt = now.toString();
        entry.finishedAt = null;
        entry.attempts++;
    }

    /** An interrupted step given up after too many tries in a row: FAILED, its times and output kept. */
    public static void givenUp(Entry entry) {
        entry.status = "FAILED";
    }

    public static void end(Entry entry, String status, String output, Instant now) {
        entry.status = status;
        entry.finishedAt = now.toString();
        entry.output = output;
    }
}
