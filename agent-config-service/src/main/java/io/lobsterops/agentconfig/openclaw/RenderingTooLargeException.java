package io.lobsterops.agentconfig.openclaw;

/** A rendering OpenClaw would truncate: a file or the workspace is over its size limit. */
public class RenderingTooLargeException extends RuntimeException {

    public RenderingTooLargeException(String message) {
        super(message);
    }
}
