package io.lobsterops.provisioning.domain;

/** Whether operations may run on a host: only once its host key is pinned, and never after the key changed. */
public enum HostStatus {
    UNTRUSTED,
    TRUSTED,
    HOST_KEY_CHANGED
}
