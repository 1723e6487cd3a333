package io.lobsterops.provisioning.fleet.domain;

/** Whether operations may run on a host: only once its host key is pinned, and never after the key changed. */
public enum HostStatus {
    UNTRUSTED,
    TRUSTED,
    HOST_KEY_CHANGED,
    /**
     * The termination of its last gateway removed provisioning's (and monitoring's) key from the host: nothing runs
     * there until a supervisor, after authorizing the host's public key again, trusts it again (ADR 0040).
     */
    ACCESS_REVOKED
}
