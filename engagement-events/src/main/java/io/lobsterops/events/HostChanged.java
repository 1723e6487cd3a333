package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@value EventTypes#HOST_CHANGED}: what it takes to reach a host changed, e.g. its host key was pinned or trusted
 * again after a rebuild (provisioning-service). Carries the whole current access, not a difference.
 */
public record HostChanged(
        UUID hostId,
        String address,
        int sshPort,
        String loginUser,
        String hostKeyFingerprint,
        String installDir,
        String reason,
        Instant changedAt) implements HostEvent {

    @Override
    public String type() {
        return EventTypes.HOST_CHANGED;
    }
}
