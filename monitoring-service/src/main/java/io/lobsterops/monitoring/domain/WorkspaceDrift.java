package io.lobsterops.monitoring.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a gateway's workspace differs from the release that was deployed there: released files changed on the host
 * (an agent that rewrote its own SOUL.md, a hand edit) or missing (an upgrade that wiped one). Files the agent keeps
 * for itself (daily memory) are not released and are not compared.
 */
public record WorkspaceDrift(List<String> changed, List<String> missing) {

    public static WorkspaceDrift of(List<ReleasedFile> released, Map<String, String> onHost) {
        List<String> changed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (ReleasedFile file : released) {
            if (!ReleasedFile.inWorkspace(file.path)) {
                continue;
            }
            String hash = onHost.get(file.path);
            if (hash == null) {
                missing.add(file.path);
            } else if (!hash.equalsIgnoreCase(file.sha256)) {
                changed.add(file.path + " (released " + abbreviate(file.sha256) + ", on the host " + abbreviate(hash)
                        + ")");
            }
        }
        return new WorkspaceDrift(List.copyOf(changed), List.copyOf(missing));
    }

    public boolean none() {
        return changed.isEmpty() && missing.isEmpty();
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
