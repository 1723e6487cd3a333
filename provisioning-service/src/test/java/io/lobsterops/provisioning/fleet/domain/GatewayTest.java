package io.lobsterops.provisioning.fleet.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.provisioning.api.ProvisioningProblems;

/** A gateway's own rules: its placement, the kill switch and resume, a terminated gateway refusing work. */
class GatewayTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private static Gateway running() {
        Gateway gateway = Gateway.place(UUID.randomUUID(), "acme", UUID.randomUUID(), 18789, "2026.11.1", "eric", T0);
        gateway.provisioned(T0);
        return gateway;
    }

    @Test
    void aPlacedGatewayIsProvisioningUnderAProfileOfItsClientAndItsOwnId() {
        Gateway gateway = Gateway.place(UUID.randomUUID(), "acme-holdings-international", UUID.randomUUID(), 18789,
                "2026.11.1", "eric", T0);
        assertEquals(GatewayState.PROVISIONING, gateway.state);
        assertEquals("acme-holdings-internatio-" + gateway.id.toString().substring(0, 6), gateway.profile);
        assertEquals("main", gateway.agentId);
        assertEquals(T0, gateway.createdAt);
        assertEquals(T0, gateway.updatedAt);
    }

    @Test
    void aTelegramBotTakesDirectMessagesByPairingUnlessToldOtherwise() {
        Gateway gateway = running();
        gateway.telegram("sealed", null, null);
        assertEquals("pairing", gateway.telegramDmPolicy);
        assertEquals("", gateway.telegramAllowFrom);
        gateway.telegram("sealed", "allowlist", List.of("1", "2"));
        assertEquals("allowlist", gateway.telegramDmPolicy);
        assertEquals("1,2", gateway.telegramAllowFrom);
    }

    @Test
    void theKillSwitchSuspendsOnceTheHostConfirmsTheStop() {
        Gateway gateway = running();
        gateway.requestKill("budget spent", "rule", T0);
        assertEquals(GatewayState.SUSPENDING, gateway.state);
        gateway.requestKill("again", "someone else", T0.plusSeconds(1));
        assertEquals("budget spent", gateway.suspendedReason, "pulling it again changes nothing");

        assertTrue(gateway.killConfirmed(T0.plusSeconds(2)));
        assertEquals(GatewayState.SUSPENDED, gateway.state);
        assertEquals(T0.plusSeconds(2), gateway.suspendedAt);
        assertEquals(1, gateway.killAttempts);
        assertFalse(gateway.killConfirmed(T0.plusSeconds(3)), "recorded once");
    }

    @Test
    void onlyTheFirstFailedAttemptToEnforceAKillCountsAsNew() {
        Gateway gateway = running();
        assertFalse(gateway.killFailed("unreachable", T0), "no kill pending");
        gateway.requestKill("stop", "eric", T0);
        assertTrue(gateway.killFailed("unreachable", T0.plusSeconds(5)));
        assertFalse(gateway.killFailed("unreachable", T0.plusSeconds(10)));
        assertEquals(2, gateway.killAttempts);
        assertEquals("unreachable", gateway.killLastError);
        assertTrue(gateway.killConfirmed(T0.plusSeconds(15)));
        assertNull(gateway.killLastError);
    }

    @Test
    void onlyAGatewayTheKillSwitchHoldsIsResumed() {
        Gateway gateway = running();
        ProblemException refused = assertThrows(ProblemException.class, () -> gateway.resumed(T0));
        assertEquals(ProvisioningProblems.GATEWAY_NOT_RUNNING, refused.type());

        gateway.requestKill("stop", "eric", T0);
        gateway.killFailed("unreachable", T0);
        gateway.resumed(T0.plusSeconds(1));
        assertEquals(GatewayState.RUNNING, gateway.state);
        assertNull(gateway.killRequestedAt, "the pending kill is cancelled");
        assertNull(gateway.killLastError);
    }

    @Test
    void aTerminatedGatewayRefusesTheKillSwitch() {
        Gateway gateway = running();
        gateway.terminated(T0);
        ProblemException refused = assertThrows(ProblemException.class, () -> gateway.requestKill("x", "eric", T0));
        assertEquals(ProvisioningProblems.GATEWAY_TERMINATED, refused.type());
        assertEquals(GatewayState.TERMINATED, gateway.state);
    }

    @Test
    void aFailedProvisioningIsResumedAsProvisioning() {
        Gateway gateway = Gateway.place(UUID.randomUUID(), "acme", UUID.randomUUID(), 18789, "2026.11.1", "eric", T0);
        gateway.provisioningFailed(T0);
        assertEquals(GatewayState.FAILED, gateway.state);
        gateway.provisioningResumed();
        assertEquals(GatewayState.PROVISIONING, gateway.state);
        assertTrue(gateway.provisioned(T0), "installed for the first time");
    }
}
