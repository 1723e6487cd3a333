package io.lobsterops.provisioning.fleet.domain;

public enum GatewayState {
    PROVISIONING,
    RUNNING,
    FAILED,
    /** The kill switch was pulled but the host has not confirmed the stop yet (unreachable): it is retried. */
    SUSPENDING,
    SUSPENDED,
    /** Terminated (runbook §5): stopped, archived, deleted from its host; its row stays for the certificate. */
    TERMINATED
}
