package io.lobsterops.agentconfig.git;

import java.time.Instant;

/** One commit as read from a client repository. */
public record CommitInfo(String id, String message, String authorName, String authorEmail, Instant authoredAt) {
}
