package io.lobsterops.provisioning.fleet.api;

import java.time.Instant;
import java.util.UUID;

import io.lobsterops.provisioning.fleet.domain.Host;
import io.lobsterops.provisioning.fleet.domain.HostFacts;
import io.lobsterops.provisioning.fleet.domain.HostKind;
import io.lobsterops.provisioning.fleet.domain.HostStatus;

/**
 * A host as staff see it: never its private key. {@code publicKey} is the line to put in authorized_keys;
 * {@code capacity} is what was declared, {@code capacityEffective} what the host can take once its memory is counted
 * (a gateway ~1 GB), {@code capacityUsed} the gateways placed on it.
 */
public record HostView(UUID id, String name, String address, int sshPort, String loginUser, HostKind kind,
        int capacity, int capacityEffective, long capacityUsed, String region, String installDir, String publicKey, HostStatus status,
        String hostKeyFingerprint, Host.TrustMode trustMode, String trustedBy, Instant trustedAt,
        String presentedFingerprint, HostFacts facts, String registeredBy, Instant registeredAt) {

    public static HostView from(Host host, int capacityEffective, long capacityUsed) {
        return new HostView(host.id, host.name, host.address, host.sshPort, host.loginUser, host.kind, host.capacity,
                capacityEffective, capacityUsed, host.region, host.installDir, host.publicKey, host.status, host.hostKeyFingerprint, host.trustMode,
                host.trustedBy, host.trustedAt, host.presentedFingerprint, host.facts(), host.registeredBy,
                host.registeredAt);
    }
}
