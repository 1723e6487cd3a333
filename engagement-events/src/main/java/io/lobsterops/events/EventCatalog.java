package io.lobsterops.events;

import java.util.Map;
import java.util.Optional;

/** Every published event type with its payload record: what the compatibility check and the consumers rely on. */
public final class EventCatalog {

    private static final Map<String, Class<? extends EngagementEvent>> PAYLOADS = Map.ofEntries(
            Map.entry(EventTypes.ENGAGEMENT_OPENED, EngagementOpened.class),
            Map.entry(EventTypes.ENGAGEMENT_STAGE_CHANGED, EngagementStageChanged.class),
            Map.entry(EventTypes.GATEWAY_INSTALLED, GatewayInstalled.class),
            Map.entry(EventTypes.PROVISIONING_FAILED, ProvisioningFailed.class),
            Map.entry(EventTypes.DISCOVERY_ANSWERED, DiscoveryAnswered.class),
            Map.entry(EventTypes.CONFIG_PROPOSED, ConfigProposed.class),
            Map.entry(EventTypes.CONFIG_APPROVED, ConfigApproved.class),
            Map.entry(EventTypes.AGENT_DEPLOYED, AgentDeployed.class),
            Map.entry(EventTypes.AGENT_SUSPENDED, AgentSuspended.class),
            Map.entry(EventTypes.AGENT_RESUMED, AgentResumed.class),
            Map.entry(EventTypes.PAYMENT_RECEIVED, PaymentReceived.class),
            Map.entry(EventTypes.INCIDENT_OPENED, IncidentOpened.class),
            Map.entry(EventTypes.CONTRACT_SIGNED, ContractSigned.class),
            Map.entry(EventTypes.INVOICE_ISSUED, InvoiceIssued.class),
            Map.entry(EventTypes.INVOICE_PAID, InvoicePaid.class),
            Map.entry(EventTypes.PAYMENT_FAILED, PaymentFailed.class),
            Map.entry(EventTypes.GATEWAY_HEALTH_CHANGED, GatewayHealthChanged.class),
            Map.entry(EventTypes.USAGE_RECORDED, UsageRecorded.class),
            Map.entry(EventTypes.ESCALATION_RAISED, EscalationRaised.class),
            Map.entry(EventTypes.ESCALATION_RESOLVED, EscalationResolved.class),
            Map.entry(EventTypes.AGENT_STABLE, AgentStable.class),
            Map.entry(EventTypes.SCHEDULE_CHANGED, ScheduleChanged.class),
            Map.entry(EventTypes.AGENT_PAUSE_REQUESTED, AgentPauseRequested.class),
            Map.entry(EventTypes.NOTIFICATION_ACKNOWLEDGED, NotificationAcknowledged.class),
            Map.entry(EventTypes.HOST_REGISTERED, HostRegistered.class),
            Map.entry(EventTypes.HOST_CHANGED, HostChanged.class),
            Map.entry(EventTypes.CLIENT_RENAMED, ClientRenamed.class),
            Map.entry(EventTypes.CLIENT_ARCHIVED, ClientArchived.class),
            Map.entry(EventTypes.AGENT_ACCEPTED, AgentAccepted.class),
            Map.entry(EventTypes.GOLDSET_EVALUATED, GoldSetEvaluated.class),
            Map.entry(EventTypes.AGENT_UPGRADED, AgentUpgraded.class),
            Map.entry(EventTypes.AGENT_UPGRADE_ROLLED_BACK, AgentUpgradeRolledBack.class),
            Map.entry(EventTypes.AGENT_TERMINATED, AgentTerminated.class),
            Map.entry(EventTypes.REPORT_READY, ReportReady.class));

    private EventCatalog() {
    }

    public static Map<String, Class<? extends EngagementEvent>> payloads() {
        return PAYLOADS;
    }

    public static Optional<Class<? extends EngagementEvent>> payloadOf(String type) {
        return Optional.ofNullable(PAYLOADS.get(type));
    }
}
