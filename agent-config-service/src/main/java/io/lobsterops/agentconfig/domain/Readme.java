package io.lobsterops.agentconfig.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The README.md at the root of a client repository: who the client is and which engagements the repository serves.
 * Rendered from data only, so rendering it again for the same engagements gives the same bytes (and no new commit).
 */
public final class Readme {

    public static final String PATH = "README.md";

    private Readme() {
    }

    public static String render(String clientId, String clientName, List<Entry> engagements) {
        StringBuilder text = new StringBuilder()
                .append("# ").append(clientName).append(" — agent configuration\n\n")
                .append("This repository holds the configuration of the OpenClaw agent that LobsterOps runs for **")
                .append(clientName).append("** (client `").append(clientId).append("`).\n\n")
                .append("It is written by agent-config-service: every change is a commit authored by the person who ")
                .append("made it, and every approved release is tagged `release-N`. Deployments take a tagged ")
                .append("release, never a branch.\n\n")
                .append("## Engagements\n\n")
                .append("| engagement | opened (UTC) | opened by |\n")
                .append("|---|---|---|\n");
        engagements.stream().sorted(Entry.ORDER).forEach(e -> text.append("| `").append(e.engagementId()).append("` | ")
                .append(e.openedAt().atOffset(ZoneOffset.UTC).toLocalDate()).append(" | ").append(e.openedBy())
                .append(" |\n"));
        return text.toString();
    }

    /** One engagement as the README lists it. */
    public record Entry(UUID engagementId, String openedBy, Instant openedAt) {

        static final Comparator<Entry> ORDER = Comparator
                .comparing((Entry e) -> e.openedAt().truncatedTo(ChronoUnit.MICROS))
                .thenComparing(Entry::engagementId);
    }
}
