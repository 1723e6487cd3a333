package io.lobsterops.kit.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class MonitoringAccessTest {

    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFx7qKc2w8Yz3F0m3nS2Yv0t5b7m3sXq9Q1m8R2v4k7P someone@laptop";

    @Test
    void theLineRestrictsTheKeyToTheGatewayPortsAndTheProbe() {
        String line = MonitoringAccess.authorizedKeysLine(KEY, ".lobsterops", List.of(18909, 18789));
        assertEquals("restrict,port-forwarding,permitopen=\"127.0.0.1:18789\",permitopen=\"127.0.0.1:18909\","
                + "command=\".lobsterops/monitoring-probe\" ssh-ed25519 "
                + "AAAAC3NzaC1lZDI1NTE5AAAAIFx7qKc2w8Yz3F0m3nS2Yv0t5b7m3sXq9Q1m8R2v4k7P lobsterops-monitoring", line);
        assertTrue(MonitoringAccess.isMonitoringLine(line));
        assertFalse(line.contains("someone@laptop"), "the key's own comment is replaced by the marker");
    }

    @Test
    void withoutGatewaysNothingMayBeForwarded() {
        String line = MonitoringAccess.authorizedKeysLine(KEY, "/opt/lobsterops", List.of());
        assertTrue(line.startsWith("restrict,command=\"/opt/lobsterops/monitoring-probe\" "), line);
        assertFalse(line.contains("port-forwarding"), line);
    }

    @Test
    void anythingButAPlainKeyOrPathIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> MonitoringAccess.authorizedKeysLine("command=\"sh\" " + KEY, ".lobsterops", List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> MonitoringAccess.authorizedKeysLine(KEY, "../.ssh", List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> MonitoringAccess.authorizedKeysLine(KEY, ".lobsterops\" ,command=\"sh", List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> MonitoringAccess.authorizedKeysLine(KEY, ".lobsterops", List.of(70000)));
    }

    @Test
    void theProbeIsReadOnlyAndRefusesUnknownVerbs() {
        String probe = MonitoringAccess.probeScript();
        assertTrue(probe.startsWith("#!/bin/sh"));
        assertTrue(probe.contains("set -f"), "the request is never expanded as file names");
        assertTrue(probe.contains("refuse \"not a probe verb\""));
        assertFalse(probe.matches("(?s).*\\b(rm|chmod|kill|systemctl)\\b.*"), "nothing that changes the host");
    }
}
