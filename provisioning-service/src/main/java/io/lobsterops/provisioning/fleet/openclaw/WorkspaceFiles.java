package io.lobsterops.provisioning.fleet.openclaw;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import io.lobsterops.events.AgentFile;

/**
 * The agent files of an approved commit, as the pinned OpenClaw (2026.9) reads them from a workspace
 * (docs/openclaw.md, "Agents, workspace, schedule"): AGENTS.md, SOUL.md, IDENTITY.md, USER.md, MEMORY.md, BOOT.md, {@code memory/*.md} and
 * {@code skills/**}. TOOLS.md is retired there and becomes the {@code ## Tools} section of AGENTS.md (what
 * {@code doctor --fix} would do); HEARTBEAT.md is retired too and is not written: the daily cycle comes as a
 * scheduled-job spec, {@code openclaw/cron/daily-cycle.json}, which becomes the gateway's scheduled jobs. Anything else
 * is refused.
 */
public final class WorkspaceFiles {

    private static final Pattern ROOT_FILE = Pattern.compile("^(AGENTS|SOUL|IDENTITY|USER|MEMORY|BOOT)\\.md$");
    private static final Pattern MEMORY_FILE = Pattern.compile("^memory/[A-Za-z0-9._-]{1,100}\\.md$");
    private static final Pattern SKILL_FILE = Pattern.compile("^skills/[A-Za-z0-9._-]{1,100}(/[A-Za-z0-9._-]{1,100}){1,4}$");

    private WorkspaceFiles() {
    }

    /** A file to write and the SHA-256 it must have once written. */
    public record Planned(String path, String content, String sha256) {
    }

    /** The approved schedule spec's path. */
    public static final String SCHEDULE = "openclaw/cron/daily-cycle.json";

    /** The released gold set's path: run by provisioning, never written (the agent must not see its exam, ADR 0037). */
    public static final String GOLD_SET = "openclaw/gold-set.yaml";

    /**
     * What to write, the scheduled jobs to declare (null when the commit carries no schedule spec: the gateway's
     * jobs are left as they are), and notes on what was transformed or left out; throws on a refused path or bad
     * checksum.
     */
    public record Plan(List<Planned> files, List<ScheduledJob> jobs, List<String> notes) {
    }

    public static Plan plan(List<AgentFile> approved) {
        List<Planned> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String tools = null;
        List<ScheduledJob> jobs = null;
        for (AgentFile file : approved) {
            String path = file.path() == null ? "" : file.path().strip();
            if (path.contains("..") || path.startsWith("/")) {
                throw new IllegalArgumentException("refused path " + path);
            }
            if (file.sha256() != null && !file.sha256().equalsIgnoreCase(sha256(file.content()))) {
                throw new IllegalArgumentException(path + ": content does not match its approved sha256");
            }
            if ("TOOLS.md".equals(path)) {
                tools = file.content();
                notes.add("TOOLS.md is retired in this OpenClaw version: merged into AGENTS.md as ## Tools");
            } else if (SCHEDULE.equals(path)) {
                jobs = ScheduledJob.parse(file.content());
                notes.add(SCHEDULE + ": " + jobs.size() + " scheduled job(s) declared on the gateway");
            } else if (GOLD_SET.equals(path)) {
                notes.add(GOLD_SET + ": the gold set is run after the deployment, never written into the workspace");
            } else if ("HEARTBEAT.md".equals(path)) {
                notes.add("HEARTBEAT.md is retired in this OpenClaw version: not written");
            } else if (ROOT_FILE.matcher(path).matches() || MEMORY_FILE.matcher(path).matches()
                    || SKILL_FILE.matcher(path).matches()) {
                files.add(new Planned(path, file.content(), file.sha256()));
            } else {
                throw new IllegalArgumentException("refused path " + path + " (not a workspace file OpenClaw reads)");
            }
        }
        if (tools != null) {
            String merged = tools;
            int agents = indexOf(files, "AGENTS.md");
            if (agents >= 0) {
                String base = files.get(agents).content();
                merged = base + (base.endsWith("\n") ? "" : "\n") + "\n## Tools\n\n" + tools;
                files.set(agents, new Planned("AGENTS.md", merged, null));
            } else {
                files.add(new Planned("AGENTS.md", "## Tools\n\n" + tools, null));
            }
        }
        List<Planned> checked = files.stream()
                .map(p -> new Planned(p.path(), p.content(), p.sha256() == null ? sha256(p.content()) : p.sha256()))
                .toList();
        return new Plan(checked, jobs, notes);
    }

    private static int indexOf(List<Planned> files, String path) {
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).path().equals(path)) {
                return i;
            }
        }
        return -1;
    }

    public static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((content == null ? "" : content).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
