package io.lobsterops.provisioning.engagement.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.AgentSuspended;
import io.lobsterops.events.EscalationRaised;
import io.lobsterops.events.GatewayInstalled;
import io.lobsterops.events.Handoff;
import io.lobsterops.events.HostRegistered;
import io.lobsterops.events.IncidentOpened;
import io.lobsterops.events.PaymentReceived;
import io.lobsterops.events.Priority;
import io.lobsterops.events.ProvisioningFailed;
import io.lobsterops.provisioning.fleet.domain.Gateway;

class EventSummaryTest {

    static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    static final UUID ID = UUID.randomUUID();

    @Test
    void theClientsLineOfAnInstalledGatewayNamesNoHostProfileOrPort() {
        UUID host = UUID.randomUUID();
        EventSummary summary = EventSummary.of(new GatewayInstalled(ID, "acme", UUID.randomUUID(), host,
                "acme-1a2b3c", 18789, "2026.9.6", UUID.randomUUID(), AT));
        assertEquals("Your agent's gateway is installed", summary.client());
        assertEquals(host, summary.hostId());
        assertEquals("Gateway acme-1a2b3c installed on host " + host + " port 18789 (openclaw 2026.9.6)",
                summary.staff());
    }

    @Test
    void internalEventsHaveNoClientLineAndAKillsReasonStaysWithStaff() {
        assertNull(EventSummary.of(new IncidentOpened(ID, "acme", "deploy-rolled-back", Priority.P1, "rolled back",
                "on 10.0.0.7", AT)).client());
        assertNull(EventSummary.of(IncidentOpened.aboutHost(ID, "host-key-changed", Priority.P0, "key", "d", AT))
                .client());
        assertNull(EventSummary.of(new EscalationRaised(ID, "acme", UUID.randomUUID(), "cost", Priority.P2, "s",
                new Handoff("c", "t", List.of(), "r", "u"), AT)).client());
        assertNull(EventSummary.of(new ProvisioningFailed(ID, "acme", UUID.randomUUID(), UUID.randomUUID(),
                "install-node", "npm failed", AT)).client());
        assertNull(EventSummary.of(new HostRegistered(ID, "vps-1", "10.0.0.7", 22, "lobster", null, "~", AT))
                .client());
        EventSummary killed = EventSummary.of(new AgentSuspended(ID, "acme", UUID.randomUUID(),
                "leaking a price list", "sophie", AT));
        assertEquals("Your agent was paused", killed.client());
        assertFalse(killed.client().contains("price list"));
    }

    @Test
    void aPayloadMissingWhatItsLineNeedsGetsABareStaffLine() {
        EventSummary summary = EventSummary.of(new PaymentReceived(ID, "acme", UUID.randomUUID(), "LO-1", null, 100,
                "EUR", AT));
        assertEquals("lobsterops.payment.received (incomplete payload)", summary.staff());
        assertNull(summary.client());
    }
}
