package io.lobsterops.provisioning.domain;

public enum GatewayState {
    PROVISIONING,
    RUNNING,
    FAILED,
    SUSPENDED
}
