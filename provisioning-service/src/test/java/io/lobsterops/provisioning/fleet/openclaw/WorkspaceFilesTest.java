package io.lobsterops.provisioning.fleet.openclaw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.AgentFile;

public class WorkspaceFilesTest {

    static AgentFile file(String path, String content) {
        return new AgentFile(path, WorkspaceFiles.sha256(content), content);
    }

    @Test
    void toolsMdIsMergedIntoAgentsMdAndHeartbeatMdIsLeftOut() {
        WorkspaceFiles.Plan plan = WorkspaceFiles.plan(List.of(file("AGENTS.md", "# Agents\n"),
                file("TOOLS.md", "- calendar\n"), file("HEARTBEAT.md", "- inbox\n"), file("SOUL.md", "soul")));
        assertEquals(List.of("AGENTS.md", "SOUL.md"), plan.files().stream().map(WorkspaceFiles.Planned::path).toList());
        String agents = plan.files().get(0).content();
        assertTrue(agents.contains("## Tools") && agents.contains("- calendar"), agents);
        assertEquals(WorkspaceFiles.sha256(agents), plan.files().get(0).sha256());
        assertEquals(2, plan.notes().size());
    }

    @Test
    void theGoldSetIsNeverWrittenIntoTheWorkspace() {
        WorkspaceFiles.Plan plan = WorkspaceFiles.plan(List.of(file("SOUL.md", "soul"),
                file(WorkspaceFiles.GOLD_SET, "cases:\n  - id: a\n    prompt: b\n    mustRefuse: true\n")));
        assertEquals(List.of("SOUL.md"), plan.files().stream().map(WorkspaceFiles.Planned::path).toList());
        assertTrue(plan.notes().getFirst().contains("never written into the workspace"), plan.notes().toString());
    }

    @Test
    void pathsOutsideTheWorkspaceAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WorkspaceFiles.plan(List.of(file("../.ssh/authorized_keys", "x"))));
        assertThrows(IllegalArgumentException.class, () -> WorkspaceFiles.plan(List.of(file("/etc/passwd", "x"))));
        assertThrows(IllegalArgumentException.class, () -> WorkspaceFiles.plan(List.of(file("notes.txt", "x"))));
        assertThrows(IllegalArgumentException.class, () -> WorkspaceFiles.plan(List.of(file("skills/a b/SKILL.md", "x"))));
    }

    @Test
    void aFileWhoseContentDoesNotMatchItsApprovedChecksumIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> WorkspaceFiles.plan(List.of(
                new AgentFile("SOUL.md", WorkspaceFiles.sha256("approved"), "tampered"))));
    }

    @Test
    void memoryAndSkillFilesAreAccepted() {
        assertEquals(2, WorkspaceFiles.plan(List.of(file("memory/2026-11-22.md", "m"),
                file("skills/invoices/SKILL.md", "s"))).files().size());
    }

    public static String schedule(String name, String expr, String tz, String message) {
        return "{\"jobs\":[{\"name\":\"" + name + "\",\"agentId\":\"ignored\",\"schedule\":{\"kind\":\"cron\","
                + "\"expr\":\"" + expr + "\",\"tz\":\"" + tz + "\"},\"message\":\"" + message + "\",\"enabled\":true}],"
                + "\"heartbeat\":{\"every\":\"0m\"}}";
    }

    @Test
    void theDailyCycleSpecBecomesScheduledJobsWithTheirDeclarationKeys() {
        WorkspaceFiles.Plan plan = WorkspaceFiles.plan(List.of(file("SOUL.md", "soul"), file(WorkspaceFiles.SCHEDULE,
                schedule("daily-briefing-0730", "30 7 * * 1-5", "Europe/Paris", "Prepare the briefing."))));
        assertEquals(List.of("SOUL.md"), plan.files().stream().map(WorkspaceFiles.Planned::path).toList());
        assertEquals(List.of(new ScheduledJob("daily-briefing-0730", "30 7 * * 1-5", "Europe/Paris",
                "Prepare the briefing.", true)), plan.jobs());
        assertEquals("lobsterops/daily-briefing-0730", plan.jobs().get(0).declarationKey());
        assertEquals(null, WorkspaceFiles.plan(List.of(file("SOUL.md", "soul"))).jobs(),
                "a commit without a schedule spec leaves the gateway's jobs alone");
    }

    @Test
    void aScheduleSpecThatCouldReachTheCommandLineBadlyIsRefused() {
        for (String spec : List.of("not json", "{\"jobs\":{}}",
                schedule("Daily Briefing", "30 7 * * *", "UTC", "x"),
                schedule("daily", "30 7 * *", "UTC", "x"),
                schedule("daily", "30 7 * * *; rm -rf ~", "UTC", "x"),
                schedule("daily", "30 7 * * *", "Europe/Paris $(id)", "x"),
                schedule("daily", "30 7 * * *", "UTC", ""),
                schedule("daily", "30 7 * * *", "UTC", "x".repeat(2_001)),
                "{\"jobs\":[{\"name\":\"a\",\"schedule\":{\"kind\":\"every\",\"expr\":\"1h\"},\"message\":\"x\"}]}")) {
            assertThrows(IllegalArgumentException.class,
                    () -> WorkspaceFiles.plan(List.of(file(WorkspaceFiles.SCHEDULE, spec))), spec);
        }
        String job = "{\"name\":\"same\",\"schedule\":{\"kind\":\"cron\",\"expr\":\"0 8 * * *\"},\"message\":\"x\"}";
        String twice = "{\"jobs\":[" + job + "," + job + "]}";
        assertThrows(IllegalArgumentException.class,
                () -> WorkspaceFiles.plan(List.of(file(WorkspaceFiles.SCHEDULE, twice))), twice);
    }
}
