package io.lobsterops.agentconfig.git;

import java.time.Instant;

/**
 * Where a client's repository is pushed and whether the server has everything (ADR 0063). {@code inSync} is true when
 * no committed change waits to be pushed, false while one does ({@code pendingSince}: when the oldest was recorded).
 * A change is pushed right after its transaction commits, so a pending change without {@code lastError} is on its
 * way; with one, the pushes failed {@code failedAttempts} times, the last for {@code lastError}, and the next is
 * tried at {@code nextAttemptAt} (or at once by {@code POST …/repository/sync}). {@code lastPushAt}: the last push of
 * this process that went through, null when none did since it started.
 */
public record RemoteState(String url, boolean inSync, Instant lastPushAt, String lastError, Instant pendingSince,
        int failedAttempts, Instant nextAttemptAt) {

    static RemoteState pushed(String url, Instant lastPushAt) {
        return new RemoteState(url, true, lastPushAt, null, null, 0, null);
    }

    static RemoteState pending(String url, Instant lastPushAt, Instant since, int failedAttempts, String lastError,
            Instant nextAttemptAt) {
        return new RemoteState(url, false, lastPushAt, lastError, since, failedAttempts, nextAttemptAt);
    }
}
