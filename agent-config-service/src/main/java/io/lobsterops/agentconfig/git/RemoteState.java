package io.lobsterops.agentconfig.git;

import java.time.Instant;

/**
 * Where a client's repository is pushed and how the last push of this process went: {@code inSync} true after a
 * push that went through, false after one that failed (with its reason), null when none was tried since the start.
 */
public record RemoteState(String url, Boolean inSync, Instant lastPushAt, String lastError) {

    static RemoteState unknown(String url) {
        return new RemoteState(url, null, null, null);
    }

    static RemoteState pushed(String url, Instant at) {
        return new RemoteState(url, true, at, null);
    }

    static RemoteState failed(String url, Instant at, RemoteGitException e) {
        return new RemoteState(url, false, at, e.getMessage());
    }
}
