package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@value EventTypes#HOST_REGISTERED}: a host was registered for gateways (provisioning-service). What monitoring needs
 * to reach it with its own key: address, SSH port, login user, the pinned host key fingerprint (null until pinned)
 * and where provisioning installs the probe. Never a key or a secret.
 */
public record HostRegistered(
        UUID hostId,
        String name,
        String address,
        int sshPort,
        String loginUser,
        String hostKeyFingerprint,
        String installDir,
        Instant registeredAt) implements HostEvent {

    @Override
    public String type() {
        return EventTypes.HOST_REGISTERED;
    }
}
