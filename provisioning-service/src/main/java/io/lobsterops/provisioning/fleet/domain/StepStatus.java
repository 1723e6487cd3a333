package io.lobsterops.provisioning.fleet.domain;

public enum StepStatus {
    PENDING,
    RUNNING,
    DONE,
    SKIPPED,
    FAILED;

    public boolean complete() {
        return this == DONE || this == SKIPPED;
    }
}
