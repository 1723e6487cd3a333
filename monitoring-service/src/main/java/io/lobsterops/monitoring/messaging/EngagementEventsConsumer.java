package io.lobsterops.monitoring.messaging;

import java.util.Set;

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
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.GatewayInstalled;
import io.lobsterops.events.HostChanged;
import io.lobsterops.events.HostRegistered;
import io.lobsterops.events.IncidentOpened;
import io.lobsterops.events.NotificationAcknowledged;
import io.lobsterops.kit.messaging.EventHandler;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.lobsterops.monitoring.service.EscalationService;
import io.lobsterops.monitoring.service.FactsService;
import io.lobsterops.monitoring.service.ReportService;
import io.lobsterops.monitoring.service.RunService;
import io.lobsterops.monitoring.service.MonitoringService;
import io.lobsterops.monitoring.service.UsageService;
import io.smallrye.mutiny.Uni;

/**
 * What monitoring learns from the others: engagements and their stage, hosts (how to reach them), gateways
 * installed, suspended and resumed (what to probe), releases and deployments (what the workspace should hold), the signed contract's budget, other services' incidents (escalated) and acknowledged pages.
 * For the reports and the cockpit (issue 13): gold sets (quality runs), upgrades and termination (probing stops,
 * escalations close), reviews waiting, invoices and payments, schedule changes, and its own report.ready (sent); a
 * client's corrected name (client.renamed; client.archived needs nothing: its engagements are terminated, ADR 0059).
 */
@ApplicationScoped
public class EngagementEventsConsumer implements EventHandler {

    private static final Set<String> HANDLED = Set.of(EventTypes.ENGAGEMENT_OPENED,
            EventTypes.ENGAGEMENT_STAGE_CHANGED, EventTypes.GATEWAY_INSTALLED, EventTypes.AGENT_SUSPENDED,
            EventTypes.AGENT_RESUMED, EventTypes.CONTRACT_SIGNED, EventTypes.INCIDENT_OPENED,
            EventTypes.NOTIFICATION_ACKNOWLEDGED, EventTypes.HOST_REGISTERED, EventTypes.HOST_CHANGED, EventTypes.CONFIG_APPROVED,
            EventTypes.AGENT_DEPLOYED, EventTypes.CONFIG_PROPOSED, EventTypes.GOLDSET_EVALUATED,
            EventTypes.AGENT_TERMINATED, EventTypes.AGENT_UPGRADED, EventTypes.AGENT_UPGRADE_ROLLED_BACK,
            EventTypes.INVOICE_ISSUED, EventTypes.INVOICE_PAID, EventTypes.PAYMENT_RECEIVED,
            EventTypes.SCHEDULE_CHANGED, EventTypes.REPORT_READY, EventTypes.CLIENT_RENAMED);

    private final MonitoringService monitoring;
    private final UsageService usage;
    private final EscalationService escalations;
    private final RunService runs;
    private final FactsService facts;
    private final ReportService reports;

    public EngagementEventsConsumer(MonitoringService monitoring, UsageService usage, EscalationService escalations,
            RunService runs, FactsService facts, ReportService reports) {
        this.monitoring = monitoring;
        this.usage = usage;
        this.escalations = escalations;
        this.runs = runs;
        this.facts = facts;
        this.reports = reports;
    }

    @Override
    public boolean handles(String type) {
        return HANDLED.contains(type);
    }

    @Override
    public Uni<Void> handle(ReceivedEvent event) {
        return switch (event.payload()) {
            case EngagementOpened opened -> monitoring.register(opened);
            case EngagementStageChanged changed -> monitoring.follow(changed);
            case GatewayInstalled installed -> monitoring.installed(installed);
            case AgentSuspended suspended -> monitoring.suspended(suspended);
            case AgentResumed resumed -> monitoring.resumed(resumed);
            case ContractSigned signed -> usage.contractSigned(signed);
            case IncidentOpened incident -> escalations.incident(incident);
            case NotificationAcknowledged ack -> escalations.acknowledged(ack);
            case HostRegistered registered -> monitoring.host(registered);
            case HostChanged changed -> monitoring.host(changed);
            case ConfigApproved approved -> monitoring.released(approved).chain(() -> facts.approved(approved));
            case AgentDeployed deployed -> monitoring.deployed(deployed).chain(() -> facts.deployed(deployed));
            case ConfigProposed proposed -> facts.proposed(proposed);
            case GoldSetEvaluated evaluated -> runs.goldSet(evaluated).chain(() -> facts.goldSet(evaluated));
            case AgentTerminated terminated -> monitoring.terminated(terminated.engagementId(),
                    terminated.terminatedAt())
                    .chain(() -> escalations.closeAll(terminated.engagementId(), "agent terminated: "
                            + terminated.reason(), terminated.terminatedBy() + " (agent.terminated)",
                            terminated.terminatedAt()))
                    .chain(() -> facts.terminated(terminated));
            case AgentUpgraded upgraded -> monitoring.upgraded(upgraded.gatewayId(), upgraded.toVersion())
                    .chain(() -> facts.upgraded(upgraded));
            case AgentUpgradeRolledBack back -> facts.rolledBack(back);
            case InvoiceIssued issued -> facts.issued(issued);
            case InvoicePaid paid -> facts.paid(paid);
            case PaymentReceived payment -> facts.paid(payment);
            case ScheduleChanged changed -> facts.scheduleChanged(changed);
            case ReportReady ready -> reports.sent(ready);
            case ClientRenamed renamed -> monitoring.clientRenamed(renamed);
            default -> Uni.createFrom().voidItem();
        };
    }
}
