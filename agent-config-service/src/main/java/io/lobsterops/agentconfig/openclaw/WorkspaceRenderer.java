package io.lobsterops.agentconfig.openclaw;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.lobsterops.agentconfig.config.PlaybookConfig;
import io.lobsterops.agentconfig.domain.AgentDefinition;
import io.quarkus.qute.Engine;

/**
 * Renders an agent definition into the files OpenClaw 2026.9 reads (docs/openclaw.md, "Agents, workspace, schedule"). The playbook's five
 * constitutive files are mapped onto that version: SOUL.md stays; AGENTS.md carries the L1/L2/L3 rules and, since
 * TOOLS.md is retired, the {@code ## Tools} section; IDENTITY.md carries the identity; USER.md carries the client
 * context (the seeds' CONTEXT.md); HEARTBEAT.md is retired, so the daily cycle becomes a scheduled job spec (with the
 * idle 30-minute heartbeat turned off). The channel settings go beside them with a reference to the bot token's
 * secret, never the token. OpenClaw's limits are enforced: 20,000 characters per file, 4,000 for USER.md, 60,000 for
 * the injected files together.
 */
@ApplicationScoped
public class WorkspaceRenderer {

    public static final String OPENCLAW_VERSION = "2026.9";
    public static final String WORKSPACE = "workspace/";
    /** The daily cycle as a scheduled-job spec for the gateway's scheduler (HEARTBEAT.md is retired in 2026.9). */
    public static final String DAILY_CYCLE = "openclaw/cron/daily-cycle.json";
    /** The client's Agent Playbook (its usage guide), at the repository's root: the gateway never receives it. */
    public static final String PLAYBOOK = "PLAYBOOK.md";
    public static final int FILE_LIMIT = 20_000;
    public static final int USER_FILE_LIMIT = 4_000;
    public static final int TOTAL_LIMIT = 60_000;

    /** Workspace file → the playbook's constitutive file(s) it carries. */
    private static final Map<String, String> WORKSPACE_FILES = new LinkedHashMap<>();

    static {
        WORKSPACE_FILES.put("AGENTS.md", "AGENTS.md + TOOLS.md");
        WORKSPACE_FILES.put("SOUL.md", "SOUL.md");
        WORKSPACE_FILES.put("IDENTITY.md", "SOUL.md (identity)");
        WORKSPACE_FILES.put("USER.md", "CONTEXT.md");
    }

    private final Engine qute;
    private final ObjectMapper json;
    private final PlaybookConfig playbook;

    public WorkspaceRenderer(Engine qute, ObjectMapper json, PlaybookConfig playbook) {
        this.qute = qute;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
        this.playbook = playbook;
    }

    public Rendering render(String agentId, AgentDefinition agent) {
        return render(agentId, agent, null);
    }

    /**
     * The files of {@code agent}, with its gold set ({@code goldSetYaml}, when given) at
     * {@link io.lobsterops.agentconfig.domain.GoldSet#PATH}: in the repository, reviewed and linted with the rest, and
     * never in the workspace the gateway gets (ADR 0037).
     */
    public Rendering render(String agentId, AgentDefinition agent, String goldSetYaml) {
        List<RenderedFile> files = new ArrayList<>();
        WORKSPACE_FILES.forEach((name, carries) -> files.add(new RenderedFile(WORKSPACE + name,
                qute.getTemplate("workspace/" + name).data("agent", agent).render(), carries)));
        files.add(new RenderedFile(DAILY_CYCLE, toJson(dailyCycle(agentId, agent)), "HEARTBEAT.md"));
        files.add(new RenderedFile("openclaw/channel.json", toJson(channel(agent)), "delivery channel"));
        files.add(new RenderedFile(PLAYBOOK, playbook(agent), "the client's Agent Playbook"));
        if (goldSetYaml != null) {
            files.add(new RenderedFile(io.lobsterops.agentconfig.domain.GoldSet.PATH, goldSetYaml,
                    "the gold set (run by provisioning, never sent to the gateway)"));
        }
        Rendering rendering = new Rendering(OPENCLAW_VERSION, List.copyOf(files));
        checkLimits(rendering);
        return rendering;
    }

    static void checkLimits(Rendering rendering) {
        for (RenderedFile file : rendering.files()) {
            int limit = file.path().equals(WORKSPACE + "USER.md") ? USER_FILE_LIMIT : FILE_LIMIT;
            if (file.path().startsWith(WORKSPACE) && file.characters() > limit) {
                throw new RenderingTooLargeException(file.path() + " renders to " + file.characters()
                        + " characters; OpenClaw " + OPENCLAW_VERSION + " reads at most " + limit
                        + ". Shorten the fields it is made of.");
            }
        }
        if (rendering.workspaceCharacters() > TOTAL_LIMIT) {
            throw new RenderingTooLargeException("the workspace files render to " + rendering.workspaceCharacters()
                    + " characters together; OpenClaw " + OPENCLAW_VERSION + " reads at most " + TOTAL_LIMIT + ".");
        }
    }

    /**
     * The client's usage guide of its agent, from the definition alone: what it does, how to talk to it, its L1/L2/L3,
     * its daily cycle and activities, how to escalate and whom to contact. Nothing of the agency's (hosts, history,
     * reviewers) is in the definition, so none of it can be in the guide.
     */
    private String playbook(AgentDefinition agent) {
        return qute.getTemplate("playbook/" + PLAYBOOK).data("agent", agent)
                .data("channel", howToTalk(agent.channel()))
                .data("channelName", channelName(agent.channel().kind()))
                .data("contactName", playbook.contactName())
                .data("contactEmail", playbook.contactEmail())
                .data("supportHours", playbook.supportHours())
                .render();
    }

    private static String channelName(AgentDefinition.ChannelKind kind) {
        return switch (kind) {
            case TELEGRAM -> "Telegram";
            case SLACK -> "Slack";
            case EMAIL -> "e-mail";
        };
    }

    private static String howToTalk(AgentDefinition.Channel channel) {
        return switch (channel.kind()) {
            case TELEGRAM -> "Write to it on Telegram, in a direct message to its bot, as you would to a colleague. "
                    + switch (channel.dmPolicy()) {
                        case "pairing" -> "The first time, it answers with a pairing code: send that code to us and"
                                + " we let you in; after that it answers you directly.";
                        case "allowlist" -> "It answers only the people of your team we registered; ask us to add"
                                + " someone.";
                        case "disabled" -> "Direct messages are switched off for now: ask us to switch them on.";
                        default -> "It answers anyone who writes to it.";
                    };
            case SLACK -> "Write to it in Slack, in a direct message or by mentioning it in a channel it is in, as you"
                    + " would to a colleague.";
            case EMAIL -> "Write to it by e-mail, at the address we gave you, as you would to a colleague.";
        };
    }

    /** The daily cycle as scheduled jobs (what replaced HEARTBEAT.md), one per briefing time. */
    private static Map<String, Object> dailyCycle(String agentId, AgentDefinition agent) {
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (String time : agent.dailyCycle().times()) {
            String[] hm = time.split(":");
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("name", "daily-briefing-" + time.replace(":", ""));
            job.put("agentId", agentId);
            job.put("schedule", ordered("kind", "cron", "expr",
                    Integer.parseInt(hm[1]) + " " + Integer.parseInt(hm[0]) + " * * *", "tz",
                    agent.dailyCycle().timezone()));
            job.put("message", "Prepare today's briefing from the sources listed in USER.md and deliver it.");
            job.put("sources", agent.dailyCycle().sources().stream()
                    .map(s -> ordered("kind", s.kind().name().toLowerCase(Locale.ROOT), "url", s.url())).toList());
            job.put("enabled", true);
            jobs.add(job);
        }
        jobs.addAll(activityJobs(agentId, agent));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("jobs", jobs);
        spec.put("heartbeat", Map.of("every", "0m"));
        return spec;
    }

    /**
     * One job per scheduled activity, at its cadence, anchored on the first briefing time (08:00 without one): hourly
     * at that minute, daily at that time, weekly on Mondays at that time. Job names are slugs of the activity
     * ({@code activity-<slug>}, what provisioning declares as {@code lobsterops/<name>}); two activities with the same
     * slug are told apart by a digest of their names.
     */
    static List<Map<String, Object>> activityJobs(String agentId, AgentDefinition agent) {
        String anchor = agent.dailyCycle().times().isEmpty() ? "08:00" : agent.dailyCycle().times().getFirst();
        int hour = Integer.parseInt(anchor.substring(0, 2));
        int minute = Integer.parseInt(anchor.substring(3, 5));
        List<Map<String, Object>> jobs = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (AgentDefinition.ScheduledActivity activity : agent.activities()) {
            String name = jobName(activity.name());
            if (!names.add(name)) {
                name = name.substring(0, Math.min(name.length(), 54)) + "-" + digest(activity.name());
                names.add(name);
            }
            String expr = switch (activity.cadence()) {
                case HOURLY -> minute + " * * * *";
                case DAILY -> minute + " " + hour + " * * *";
                case WEEKLY -> minute + " " + hour + " * * 1";
            };
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("name", name);
            job.put("agentId", agentId);
            job.put("schedule", ordered("kind", "cron", "expr", expr, "tz", agent.dailyCycle().timezone()));
            job.put("message", "Run your scheduled activity \"" + activity.name() + "\" now (" + activity.cadence()
                    .label() + "), as AGENTS.md describes it, and deliver the result over " + agent.channel().kind()
                    + ".");
            job.put("activity", activity.name());
            job.put("cadence", activity.cadence().name());
            job.put("enabled", true);
            jobs.add(job);
        }
        return jobs;
    }

    /** {@code activity-<slug>}: lower-case letters and digits, dashes between words, at most 64 characters. */
    static String jobName(String activity) {
        String slug = activity.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        String name = "activity-" + (slug.isEmpty() ? digest(activity) : slug);
        return name.length() <= 64 ? name : name.substring(0, 64).replaceAll("-+$", "");
    }

    private static String digest(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A map that keeps its keys in the given order: a rendering must give the same bytes every time. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> channel(AgentDefinition agent) {
        AgentDefinition.Channel channel = agent.channel();
        String kind = channel.kind().name().toLowerCase(Locale.ROOT);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("enabled", true);
        if (channel.kind() == AgentDefinition.ChannelKind.TELEGRAM) {
            settings.put("dmPolicy", channel.dmPolicy());
            settings.put("allowFrom", channel.allowFrom());
            settings.put("tokenFile", "/run/secrets/telegram-bot-token");
        }
        return Map.of("channels", Map.of(kind, settings));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }
}
