package io.lobsterops.provisioning.fleet.openclaw;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One job of an approved schedule spec ({@code openclaw/cron/daily-cycle.json}, rendered by agent-config-service from
 * the agent's daily cycle), declared on the gateway with {@code openclaw cron add --declaration-key lobsterops/<name>}
 * so that deploying the same spec again updates the job instead of adding a second one. Every field is checked here,
 * before anything reaches a command line on the host.
 */
public record ScheduledJob(String name, String cron, String timezone, String message, boolean enabled) {

    /** Declaration keys of the jobs this service declares start with this; others (OpenClaw's own) are left alone. */
    public static final String DECLARATION_PREFIX = "lobsterops/";

    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");
    private static final Pattern CRON = Pattern.compile("^[0-9*,/-]{1,40}( [0-9*,/-]{1,40}){4}$");
    private static final Pattern TIMEZONE = Pattern.compile("^[A-Za-z][A-Za-z0-9_+-]{0,30}(/[A-Za-z0-9_+-]{1,30}){0,2}$");
    private static final int MAX_MESSAGE = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public String declarationKey() {
        return DECLARATION_PREFIX + name;
    }

    /** The spec's jobs; throws {@link IllegalArgumentException} saying what is wrong with it. */
    public static List<ScheduledJob> parse(String spec) {
        JsonNode root;
        try {
            root = JSON.readTree(spec == null ? "" : spec);
        } catch (Exception e) {
            throw new IllegalArgumentException("schedule spec is not JSON");
        }
        if (root == null || !root.path("jobs").isArray()) {
            throw new IllegalArgumentException("schedule spec has no jobs array");
        }
        List<ScheduledJob> jobs = new ArrayList<>();
        for (JsonNode job : root.path("jobs")) {
            String name = job.path("name").asText("");
            JsonNode schedule = job.path("schedule");
            String cron = schedule.path("expr").asText("");
            String timezone = schedule.path("tz").asText("UTC");
            String message = job.path("message").asText("");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("scheduled job name '" + name + "' is not a slug");
            }
            if (!"cron".equals(schedule.path("kind").asText()) || !CRON.matcher(cron).matches()) {
                throw new IllegalArgumentException("scheduled job " + name + ": schedule must be a 5-field cron expression");
            }
            if (!TIMEZONE.matcher(timezone).matches()) {
                throw new IllegalArgumentException("scheduled job " + name + ": '" + timezone + "' is not a time zone");
            }
            if (message.isBlank() || message.length() > MAX_MESSAGE) {
                throw new IllegalArgumentException("scheduled job " + name + ": message must be 1-" + MAX_MESSAGE
                        + " characters");
            }
            if (jobs.stream().anyMatch(other -> other.name().equals(name))) {
                throw new IllegalArgumentException("scheduled job " + name + " is declared twice");
            }
            jobs.add(new ScheduledJob(name, cron, timezone, message, job.path("enabled").asBoolean(true)));
        }
        return List.copyOf(jobs);
    }
}
