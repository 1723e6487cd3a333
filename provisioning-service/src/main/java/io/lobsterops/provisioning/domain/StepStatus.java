package io.lobsterops.provisioning.domain;

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
