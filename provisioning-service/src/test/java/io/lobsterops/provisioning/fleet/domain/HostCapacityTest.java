package io.lobsterops.provisioning.fleet.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class HostCapacityTest {

    private static final long PER_GATEWAY = 1024;
    private static final long RESERVED = 512;

    private static Host host(HostKind kind, int capacity, Long memoryMb) {
        Host host = Host.register("h", "203.0.113.7", 22, "ops", kind, capacity, "eu", ".lobsterops",
                "ssh-ed25519 AAAA", "sealed", "eric", Instant.EPOCH);
        host.factsMemoryMb = memoryMb;
        return host;
    }

    @Test
    void aTwoGigabyteHostTakesOneGatewayWhateverItsDeclaredCapacity() {
        // the playbook's "3-4 agents per 2 GB shared VPS" holds for agents inside one gateway, not for gateways
        assertEquals(1, host(HostKind.SHARED, 4, 1_950L).gatewaysThatFit(PER_GATEWAY, RESERVED));
        assertEquals(1, host(HostKind.SHARED, 4, 2_048L).gatewaysThatFit(PER_GATEWAY, RESERVED));
    }

    @Test
    void memoryLowersTheDeclaredCapacityButNeverRaisesIt() {
        assertEquals(3, host(HostKind.SHARED, 8, 4_096L).gatewaysThatFit(PER_GATEWAY, RESERVED));
        assertEquals(2, host(HostKind.SHARED, 2, 24_000L).gatewaysThatFit(PER_GATEWAY, RESERVED));
        assertEquals(1, host(HostKind.DEDICATED, 3, 16_384L).gatewaysThatFit(PER_GATEWAY, RESERVED));
    }

    @Test
    void aHostBelowOneGatewayTakesNone() {
        assertEquals(0, host(HostKind.SHARED, 2, 1_200L).gatewaysThatFit(PER_GATEWAY, RESERVED));
        assertEquals(0, host(HostKind.SHARED, 2, 256L).gatewaysThatFit(PER_GATEWAY, RESERVED));
    }

    @Test
    void beforeFactsAreGatheredTheDeclaredCapacityStands() {
        assertEquals(4, host(HostKind.SHARED, 4, null).gatewaysThatFit(PER_GATEWAY, RESERVED));
    }
}
