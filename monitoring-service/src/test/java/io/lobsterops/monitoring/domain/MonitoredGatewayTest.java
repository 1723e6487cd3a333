package io.lobsterops.monitoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.GatewayHealth;

class MonitoredGatewayTest {

    static final Damping DAMPING = new Damping(3, 2);
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static MonitoredGateway gateway() {
        return MonitoredGateway.installed(UUID.randomUUID(), UUID.randomUUID(), "acme", UUID.randomUUID(), "acme",
                18789, "2026.9.6", true, T0);
    }

    /** Feeds the outcomes one by one and answers the health after each transition. */
    static List<GatewayHealth> transitions(MonitoredGateway gateway, ProbeOutcome... outcomes) {
        List<GatewayHealth> seen = new ArrayList<>();
        int i = 0;
        for (ProbeOutcome outcome : outcomes) {
            Optional<HealthTransition> t = gateway.observe(new ProbeResult(gateway.gatewayId, outcome, "probe " + i,
                    12, T0.plusSeconds(15L * ++i)), DAMPING);
            t.ifPresent(transition -> seen.add(transition.to()));
        }
        return seen;
    }

    @Test
    void theFirstGoodProbeMakesANewGatewayUp() {
        assertEquals(List.of(GatewayHealth.UP), transitions(gateway(), ProbeOutcome.READY));
    }

    @Test
    void aGatewayIsDownOnlyAfterEnoughFailuresInARowAndUpAfterEnoughSuccesses() {
        MonitoredGateway gateway = gateway();
        assertEquals(List.of(GatewayHealth.UP, GatewayHealth.DOWN, GatewayHealth.UP), transitions(gateway,
                ProbeOutcome.READY, ProbeOutcome.GATEWAY_NOT_READY, ProbeOutcome.GATEWAY_NOT_READY,
                ProbeOutcome.GATEWAY_NOT_READY, ProbeOutcome.GATEWAY_NOT_READY, ProbeOutcome.READY,
                ProbeOutcome.READY, ProbeOutcome.READY));
        assertTrue(gateway.healthSince.isAfter(T0));
    }

    @Test
    void aFlappingGatewayChangesStateNeverOrOnce() {
        MonitoredGateway gateway = gateway();
        List<GatewayHealth> seen = transitions(gateway, ProbeOutcome.READY, ProbeOutcome.GATEWAY_NOT_READY,
                ProbeOutcome.READY, ProbeOutcome.GATEWAY_NOT_READY, ProbeOutcome.GATEWAY_NOT_READY,
                ProbeOutcome.READY, ProbeOutcome.GATEWAY_NOT_READY, ProbeOutcome.READY);
        assertEquals(List.of(GatewayHealth.UP), seen, "flapping is damped");
    }

    @Test
    void anUnreachableHostAndAChangedKeyAreDifferentFindingsAndTheKeyIsNotDamped() {
        MonitoredGateway gateway = gateway();
        assertEquals(List.of(GatewayHealth.UP, GatewayHealth.HOST_UNREACHABLE), transitions(gateway,
                ProbeOutcome.READY, ProbeOutcome.HOST_UNREACHABLE, ProbeOutcome.HOST_UNREACHABLE,
                ProbeOutcome.HOST_UNREACHABLE));
        assertEquals(List.of(GatewayHealth.HOST_KEY_CHANGED), transitions(gateway, ProbeOutcome.HOST_KEY_CHANGED));
    }

    @Test
    void aSuspendedGatewayIsNotProbedAndStartsAfreshWhenResumed() {
        MonitoredGateway gateway = gateway();
        transitions(gateway, ProbeOutcome.READY);
        gateway.probing(false, T0.plusSeconds(100));
        assertEquals(GatewayHealth.UNKNOWN, gateway.health);
        gateway.probing(true, T0.plusSeconds(200));
        assertEquals(List.of(GatewayHealth.UP), transitions(gateway, ProbeOutcome.READY));
    }
}
