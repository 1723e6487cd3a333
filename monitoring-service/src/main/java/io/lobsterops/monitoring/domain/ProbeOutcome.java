package io.lobsterops.monitoring.domain;

/** What one probe of a gateway found. Three failures stay apart: they are three different findings. */
public enum ProbeOutcome {
    /** {@code /readyz} answered 200 through the host's SSH connection. */
    READY,
    /** The host answered SSH, the gateway did not answer ready (refused, 503, timeout). */
    GATEWAY_NOT_READY,
    /** The host did not answer SSH at all (refused, timed out, authentication failed). */
    HOST_UNREACHABLE,
    /** The host presented another key than the pinned one: monitoring refuses to connect (a security finding). */
    HOST_KEY_CHANGED
}
