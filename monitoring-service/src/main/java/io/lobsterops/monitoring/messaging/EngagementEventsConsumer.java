package io.lobsterops.monitoring.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.AgentDeployed;
import io.lobsterops.events.AgentResumed;
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
import io.lobsterops.monitoring.service.MonitoringService;
import io.lobsterops.monitoring.service.UsageService;
import io.smallrye.mutiny.Uni;

/**
 * What monitoring learns from the others: engagements and their stage, hosts (how to reach them), gateways
 * installed, suspended and resumed (what to probe), releases and deployments (what the workspace should hold), the signed contract's budget, other services' incidents (escalated) and acknowledged pages.
 */
@ApplicationScoped
public class EngagementEventsConsumer implements EventHandler {

    private static final Set<String> HANDLED = Set.of(EventTypes.ENGAGEMENT_OPENED,
            EventTypes.ENGAGEMENT_STAGE_CHANGED, EventTypes.GATEWAY_INSTALLED, EventTypes.AGENT_SUSPENDED,
            EventTypes.AGENT_RESUMED, EventTypes.CONTRACT_SIGNED, EventTypes.INCIDENT_OPENED,
            EventTypes.NOTIFICATION_ACKNOWLEDGED, EventTypes.HOST_REGISTERED, EventTypes.HOST_CHANGED, EventTypes.CONFIG_APPROVED,
            EventTypes.AGENT_DEPLOYED);

    private final MonitoringService monitoring;
    private final UsageService usage;
    private final EscalationService escalations;

    public EngagementEventsConsumer(MonitoringService monitoring, UsageService usage, EscalationService escalations) {
        this.monitoring = monitoring;
        this.usage = usage;
        this.escalations = escalations;
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
            case ConfigApproved approved -> monitoring.released(approved);
            case AgentDeployed deployed -> monitoring.deployed(deployed);
            default -> Uni.createFrom().voidItem();
        };
    }
}
