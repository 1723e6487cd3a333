package io.lobsterops.agentconfig.api;

import java.util.List;

import io.lobsterops.agentconfig.lint.Finding;
import io.lobsterops.agentconfig.service.AgentService.Preview;

/** The files an agent definition renders to, and the leak lint's verdict on them. Nothing is committed. */
public record PreviewView(int revision, String openclawVersion, int workspaceCharacters, List<FileView> files,
        LintView lint) {

    public static PreviewView from(Preview preview) {
        return new PreviewView(preview.revision(), preview.rendering().openclawVersion(),
                preview.rendering().workspaceCharacters(),
                preview.rendering().files().stream()
                        .map(f -> new FileView(f.path(), f.carries(), f.characters(), f.content())).toList(),
                LintView.from(preview.findings()));
    }

    public record FileView(String path, String carries, int characters, String content) {
    }

    public record LintView(boolean clean, List<Finding> findings) {

        public static LintView from(List<Finding> findings) {
            return new LintView(findings.isEmpty(), findings);
        }
    }
}
