package io.lobsterops.agentconfig.domain;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What an agent is: identity, tone, tasks, what it must never do or say, its autonomy levels, daily cycle, delivery
 * channel, skills and capability manifest. Derived from the discovery answers, then edited field by field.
 */
public record AgentDefinition(
        @NotBlank @Size(max = 80) String name,
        @NotBlank @Size(max = 120) String company,
        @NotBlank @Size(max = 2000) String domain,
        @NotBlank @Size(max = 500) String tone,
        @NotNull @Size(max = 50) List<@NotBlank @Size(max = 500) String> tasks,
        @NotNull @Size(max = 50) List<@NotBlank @Size(max = 300) String> forbiddenTopics,
        @NotNull @Size(max = 50) List<@NotBlank @Size(max = 300) String> forbiddenBehaviours,
        @NotNull @Valid Autonomy autonomy,
        @NotNull @Valid DailyCycle dailyCycle,
        @NotNull @Valid Channel channel,
        @NotNull @Size(max = 20) List<@NotNull Skill> skills,
        @NotNull @Size(max = 50) List<@NotNull @Valid Capability> capabilities,
        @NotNull @Size(max = 20) List<@NotNull @Valid ScheduledActivity> activities) {

    /** A definition stored before scheduled activities existed reads with none. */
    public AgentDefinition {
        activities = activities == null ? List.of() : List.copyOf(activities);
    }

    /** What an agent may never do on its own, whatever its definition says (playbook: L3 always includes these). */
    public static final List<String> MANDATORY_L3 = List.of(
            "Change its own configuration, skills or permissions",
            "Spend money or commit the client to any purchase or contract",
            "Communicate with anyone outside the client's team on the client's behalf");

    /** The same definition with the mandatory L3 rules present (added if an edit dropped them). */
    public AgentDefinition withMandatoryL3() {
        List<String> l3 = new ArrayList<>(MANDATORY_L3);
        autonomy.l3().stream().filter(rule -> !l3.contains(rule)).forEach(l3::add);
        return new AgentDefinition(name, company, domain, tone, tasks, forbiddenTopics, forbiddenBehaviours,
                new Autonomy(autonomy.l1(), autonomy.l2(), l3), dailyCycle, channel, skills, capabilities,
                activities);
    }

    /** The same definition with these scheduled activities. */
    public AgentDefinition withActivities(List<ScheduledActivity> scheduled) {
        return new AgentDefinition(name, company, domain, tone, tasks, forbiddenTopics, forbiddenBehaviours, autonomy,
                dailyCycle, channel, skills, capabilities, scheduled);
    }

    /** The same definition with {@code activity} at {@code cadence}: replaced where it is, else added at the end. */
    public AgentDefinition withCadence(String activity, Cadence cadence) {
        List<ScheduledActivity> scheduled = new ArrayList<>(activities);
        ScheduledActivity changed = new ScheduledActivity(activity, cadence);
        int at = -1;
        for (int i = 0; i < scheduled.size(); i++) {
            if (scheduled.get(i).name().equals(activity)) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            scheduled.add(changed);
        } else {
            scheduled.set(at, changed);
        }
        return withActivities(scheduled);
    }

    /** The cadence {@code activity} runs at, empty when it is not scheduled. */
    public java.util.Optional<Cadence> cadenceOf(String activity) {
        return activities.stream().filter(a -> a.name().equals(activity)).map(ScheduledActivity::cadence).findFirst();
    }

    /** L1: done autonomously; L2: prepared, then validated by a person; L3: forbidden. */
    public record Autonomy(
            @NotNull List<@NotBlank String> l1,
            @NotNull List<@NotBlank String> l2,
            @NotNull List<@NotBlank String> l3) {
    }

    /** The daily cycle: when the agent briefs (HH:MM, in {@code timezone}) and what it reads. */
    public record DailyCycle(
            @NotNull @Size(max = 6) List<@NotNull @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d",
                    message = "must be a time of day HH:MM") String> times,
            @NotBlank @Pattern(regexp = "[A-Za-z]+(/[A-Za-z0-9_+-]+)*", message = "must be an IANA time zone")
            String timezone,
            @NotNull @Size(max = 30) List<@NotNull @Valid Source> sources) {
    }

    /**
     * An activity the agent runs on its own schedule, named as its runs are recorded in monitoring (the optimizer
     * proposes its cadence there); rendered as a scheduled job anchored on the first briefing time.
     */
    public record ScheduledActivity(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._:/-]*",
                    message = "letters, digits, space and . _ : / -") String name,
            @NotNull Cadence cadence) {
    }

    /** A daily source: a web page, an RSS/Atom feed or an HTTP API, by its absolute http(s) URL. */
    public record Source(
            @NotNull SourceKind kind,
            @NotBlank @Size(max = 2000) @Pattern(regexp = "https?://[A-Za-z0-9.-]+(:\\d{1,5})?(/[^\\s]*)?",
                    message = "must be an absolute http(s) URL") String url) {
    }

    public enum SourceKind {
        URL,
        RSS,
        API
    }

    /**
     * Where the agent talks to the client. {@code dmPolicy} is OpenClaw's Telegram setting (pairing, allowlist, open,
     * disabled); the bot token is never part of the definition, only a reference to the secret holding it.
     */
    public record Channel(
            @NotNull ChannelKind kind,
            @NotNull @Pattern(regexp = "pairing|allowlist|open|disabled") String dmPolicy,
            @NotNull @Size(max = 20) List<@NotBlank String> allowFrom) {
    }

    public enum ChannelKind {
        TELEGRAM,
        SLACK,
        EMAIL
    }

    /** The skills catalogue. */
    public enum Skill {
        WEB_SEARCH,
        MEMORY,
        SCHEDULING,
        RSS,
        GITHUB,
        SLACK,
        DISCORD,
        EMAIL,
        CUSTOM_API
    }

    /** One line of the capability manifest: a tool and what the agent may do with it. */
    public record Capability(@NotBlank @Size(max = 80) String tool, @NotNull Permission permission) {

        public boolean on() {
            return permission != Permission.OFF;
        }
    }

    public enum Permission {
        OFF("off"),
        READ("read only"),
        READ_WRITE("read and write");

        private final String label;

        Permission(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
