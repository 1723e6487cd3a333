package io.lobsterops.provisioning.fleet.domain;

/** A provisioning run's status. INTERRUPTED runs (host unreachable, service stopped) resume from their step. */
public enum RunStatus {
    PENDING,
    RUNNING,
    INTERRUPTED,
    SUCCEEDED,
    FAILED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
