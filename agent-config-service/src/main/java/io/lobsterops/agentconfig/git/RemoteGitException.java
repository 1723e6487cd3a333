package io.lobsterops.agentconfig.git;

/** A push to the git server failed; the message says why without any secret, for an operator to act on. */
public class RemoteGitException extends RuntimeException {

    /** What went wrong: the server was not reached, it presented a host key that is not pinned, or it said no. */
    public enum Kind {
        UNREACHABLE,
        HOST_KEY_REJECTED,
        REFUSED
    }

    private final Kind kind;

    public RemoteGitException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
