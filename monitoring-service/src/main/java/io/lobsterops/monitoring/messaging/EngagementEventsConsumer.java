package io.lobsterops.monitoring.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.AgentDeployed;
import io.lobsterops.events.AgentResumed;
import io.lobsterops.events.AgentTerminated;
import io.lobsterops.events.AgentUpgradeRolledBack;
import io.lobsterops.events.AgentUpgraded;
import io.lobsterops.events.ConfigProposed;
import io.lobsterops.events.GoldSetEvaluated;
import io.lobsterops.events.InvoiceIssued;
import io.lobsterops.events.InvoicePaid;
import io.lobsterops.events.PaymentReceived;
import io.lobsterops.events.ReportReady;
import io.lobsterops.events.ScheduleChanged;
import io.lobsterops.events.ClientRenamed;
import io.lobsterops.events.ConfigApproved;
import io.lobsterops.events.AgentSuspended;
import io.lobsterops.events.ContractSigned;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.GatewayInstalled;
import io.lobsterops.events.HostChanged;
import io.lobsterops.events.HostRegistered;
import io.lobsterops.events.IncidentOpened;
import io.lobsterops.events.NotificationAcknowledged;
import io.lobsterops.kit.messaging.EventConsumer;
import io.lobsterops.kit.messaging.EventRoutes;
import io.lobsterops.monitoring.service.EscalationService;
import io.lobsterops.monitoring.service.FactsService;
import io.lobsterops.monitoring.service.ReportService;
import io.lobsterops.monitoring.service.RunService;
import io.lobsterops.monitoring.service.MonitoringService;
import io.lobsterops.monitoring.service.UsageService;

/**
 * What monitoring learns from the others: engagements and their stage, hosts (how to reach them), gateways
 * installed, suspended and resumed (what to probe), releases and deployments (what the workspace should hold), the signed contract's budget, other services' incidents (escalated) and acknowledged pages.
 * For the reports and the cockpit (issue 13): gold sets (quality runs), upgrades and termination (probing stops,
 * escalations close), reviews waiting, invoices and payments, schedule changes, and its own report.ready (sent); a
 * client's corrected name (client.renamed; client.archived needs nothing: its engagements are terminated, ADR 0059).
 */
@ApplicationScoped
public class EngagementEventsConsumer implements EventConsumer {

    private final EventRoutes routes;

    public EngagementEventsConsumer(MonitoringService monitoring, UsageService usage, EscalationService escalations,
            RunService runs, FactsService facts, ReportService reports) {
        this.routes = EventRoutes.builder()
                .on(EngagementOpened.class, monitoring::register)
                .on(EngagementStageChanged.class, monitoring::follow)
                .on(GatewayInstalled.class, monitoring::installed)
                .on(AgentSuspended.class, monitoring::suspended)
                .on(AgentResumed.class, monitoring::resumed)
                .on(ContractSigned.class, usage::contractSigned)
                .on(IncidentOpened.class, escalations::incident)
                .on(NotificationAcknowledged.class, escalations::acknowledged)
                .on(HostRegistered.class, monitoring::host)
                .on(HostChanged.class, monitoring::host)
                .on(ConfigApproved.class, approved -> monitoring.released(approved)
                        .chain(() -> facts.approved(approved)))
                .on(AgentDeployed.class, deployed -> monitoring.deployed(deployed)
                        .chain(() -> facts.deployed(deployed)))
                .on(ConfigProposed.class, facts::proposed)
                .on(GoldSetEvaluated.class, evaluated -> runs.goldSet(evaluated)
                        .chain(() -> facts.goldSet(evaluated)))
                .on(AgentTerminated.class, terminated -> monitoring.terminated(terminated.engagementId(),
                                terminated.terminatedAt())
                        .chain(() -> escalations.closeAll(terminated.engagementId(), "agent terminated: "
                                + terminated.reason(), terminated.terminatedBy() + " (agent.terminated)",
                                terminated.terminatedAt()))
                        .chain(() -> facts.terminated(terminated)))
                .on(AgentUpgraded.class, upgraded -> monitoring.upgraded(upgraded.gatewayId(), upgraded.toVersion())
                        .chain(() -> facts.upgraded(upgraded)))
                .on(AgentUpgradeRolledBack.class, facts::rolledBack)
                .on(InvoiceIssued.class, facts::issued)
                .on(InvoicePaid.class, facts::paid)
                .on(PaymentReceived.class, facts::paid)
                .on(ScheduleChanged.class, facts::scheduleChanged)
                .on(ReportReady.class, reports::sent)
                .on(ClientRenamed.class, monitoring::clientRenamed)
                .build();
    }

    @Override
    public EventRoutes routes() {
        return routes;
    }
}
