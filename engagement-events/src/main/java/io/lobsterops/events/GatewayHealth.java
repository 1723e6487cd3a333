package io.lobsterops.events;

/** A gateway's damped health: UP, DOWN (the host answers, the gateway does not), HOST_UNREACHABLE, HOST_KEY_CHANGED (refused: a security finding), UNKNOWN before the first probe. */
public enum GatewayHealth {
    UNKNOWN,
    UP,
    DOWN,
    HOST_UNREACHABLE,
    HOST_KEY_CHANGED
}
