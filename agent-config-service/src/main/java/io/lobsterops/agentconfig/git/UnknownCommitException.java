package io.lobsterops.agentconfig.git;

/** A commit id that names no commit of the repository (or none reachable from the branch asked about). */
public class UnknownCommitException extends RuntimeException {

    public UnknownCommitException(String message) {
        super(message);
    }
}
