package io.lobsterops.provisioning.fleet.domain;

public enum DeploymentStatus {
    PENDING,
    RUNNING,
    DEPLOYED,
    /** The new commit failed its checks; the previous workspace was put back. */
    ROLLED_BACK,
    FAILED
}
