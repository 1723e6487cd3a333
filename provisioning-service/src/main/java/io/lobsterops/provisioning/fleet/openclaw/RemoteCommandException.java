package io.lobsterops.provisioning.fleet.openclaw;

import io.lobsterops.provisioning.fleet.ssh.CommandResult;

/** A remote command answered with a non-zero exit status or timed out. */
public class RemoteCommandException extends RuntimeException {

    private final transient CommandResult result;

    public RemoteCommandException(String what, CommandResult result) {
        super(what + (result.timedOut() ? " (timed out)" : " (exit status " + result.exitStatus() + ")"));
        this.result = result;
    }

    public CommandResult result() {
        return result;
    }
}
