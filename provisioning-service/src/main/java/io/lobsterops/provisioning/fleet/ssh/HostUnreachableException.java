package io.lobsterops.provisioning.fleet.ssh;

/** No SSH connection could be made, or it broke: the operation can be retried when the host is back. */
public class HostUnreachableException extends SshException {

    public HostUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
