package io.lobsterops.provisioning.fleet.openclaw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The unit a host with a lingering systemd user manager gets. No host here runs one (the test host's sshd runs without
 * systemd as PID 1), so its start and stop are exercised only where such a host exists; what it says is checked here.
 */
class SystemdUnitTest {

    @Test
    void theUnitRunsTheProfilesGatewayFromItsPrefixRestartsItAndStopsItWithinTheGracePeriod() {
        String unit = GatewayProcess.systemdUnit("acme-1a2b3c", "%h/.lobsterops/node/node_modules/.bin",
                "%h/.lobsterops/openclaw/2026.9.6/bin", 10);
        assertTrue(unit.contains("\nExecStart=%h/.lobsterops/openclaw/2026.9.6/bin/openclaw --profile acme-1a2b3c"
                + " gateway run\n"), unit);
        assertTrue(unit.contains("\nEnvironment=PATH=%h/.lobsterops/node/node_modules/.bin:"), unit);
        assertTrue(unit.contains("\nRestart=always\n") && unit.contains("\nTimeoutStopSec=10\n")
                && unit.contains("\nKillMode=mixed\n") && unit.contains("\nWantedBy=default.target\n"), unit);
        assertEquals("lobsterops-gateway-acme-1a2b3c.service", GatewayProcess.unitName("acme-1a2b3c"));
    }
}
