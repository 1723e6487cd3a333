package io.lobsterops.monitoring.ssh;

import java.util.List;
import java.util.UUID;

/** One host to sweep and its gateways' ports: what the sweep needs, read from the database before it starts. */
public record HostTarget(UUID hostId, String address, int port, String user, String pinnedFingerprint,
        List<GatewayTarget> gateways) {

    public record GatewayTarget(UUID gatewayId, String profile, int port) {
    }

    @Override
    public String toString() {
        return user + "@" + address + ":" + port;
    }
}
