package io.lobsterops.provisioning.openclaw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.AgentFile;

class WorkspaceFilesTest {

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
}
