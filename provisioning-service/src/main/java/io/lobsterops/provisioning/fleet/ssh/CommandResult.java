package io.lobsterops.provisioning.fleet.ssh;

import java.time.Duration;

/** What a remote command did: exit status (null when cut off by the client), captured output, how long it took. */
public record CommandResult(Integer exitStatus, String stdout, String stderr, Duration took, boolean timedOut) {

    public boolean ok() {
        return !timedOut && exitStatus != null && exitStatus == 0;
    }

    /** stdout then stderr, for a step's log. */
    public String combined() {
        StringBuilder text = new StringBuilder(stdout);
        if (!stderr.isEmpty()) {
            if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
                text.append('\n');
            }
            text.append(stderr);
        }
        if (timedOut) {
            text.append("\n[timed out after ").append(took.toSeconds()).append(" s]");
        }
        return text.toString();
    }
}
