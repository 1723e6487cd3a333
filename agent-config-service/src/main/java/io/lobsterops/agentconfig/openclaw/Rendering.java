package io.lobsterops.agentconfig.openclaw;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The files of an agent, as the pinned OpenClaw version reads them. */
public record Rendering(String openclawVersion, List<RenderedFile> files) {

    public Map<String, String> contents() {
        Map<String, String> contents = new LinkedHashMap<>();
        files.forEach(file -> contents.put(file.path(), file.content()));
        return contents;
    }

    public int workspaceCharacters() {
        return files.stream().filter(f -> f.path().startsWith(WorkspaceRenderer.WORKSPACE)).mapToInt(RenderedFile::characters)
                .sum();
    }
}
