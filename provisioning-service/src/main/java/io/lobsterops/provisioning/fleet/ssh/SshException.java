package io.lobsterops.provisioning.fleet.ssh;

/** SSH went wrong: the host could not be reached, refused the key, or the connection broke. */
public class SshException extends RuntimeException {

    public SshException(String message, Throwable cause) {
        super(message, cause);
    }
}
