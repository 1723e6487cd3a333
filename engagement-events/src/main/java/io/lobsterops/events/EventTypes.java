package io.lobsterops.events;

/**
 * CloudEvent {@code type} values: {@code lobsterops.<noun>.<verb-past>}. A type name, once published, never changes.
 */
public final class EventTypes {

    public static final String PREFIX = "lobsterops.";

    public static final String ENGAGEMENT_OPENED = PREFIX + "engagement.opened";
    public static final String ENGAGEMENT_STAGE_CHANGED = PREFIX + "engagement.stage-changed";

    public static final String GATEWAY_INSTALLED = PREFIX + "gateway.installed";
    public static final String PROVISIONING_FAILED = PREFIX + "provisioning.failed";
    public static final String DISCOVERY_ANSWERED = PREFIX + "discovery.answered";
    public static final String CONFIG_PROPOSED = PREFIX + "config.proposed";
    public static final String CONFIG_APPROVED = PREFIX + "config.approved";
    public static final String AGENT_DEPLOYED = PREFIX + "agent.deployed";
    public static final String AGENT_SUSPENDED = PREFIX + "agent.suspended";
    public static final String AGENT_RESUMED = PREFIX + "agent.resumed";
    public static final String AGENT_ACCEPTED = PREFIX + "agent.accepted";
    public static final String GOLDSET_EVALUATED = PREFIX + "goldset.evaluated";
    public static final String AGENT_UPGRADED = PREFIX + "agent.upgraded";
    public static final String AGENT_UPGRADE_ROLLED_BACK = PREFIX + "agent.upgrade-rolled-back";
    public static final String AGENT_TERMINATED = PREFIX + "agent.terminated";
    public static final String PAYMENT_RECEIVED = PREFIX + "payment.received";
    public static final String INCIDENT_OPENED = PREFIX + "incident.opened";

    public static final String CONTRACT_SIGNED = PREFIX + "contract.signed";
    public static final String INVOICE_ISSUED = PREFIX + "invoice.issued";
    public static final String INVOICE_PAID = PREFIX + "invoice.paid";
    public static final String PAYMENT_FAILED = PREFIX + "payment.failed";

    public static final String GATEWAY_HEALTH_CHANGED = PREFIX + "gateway.health-changed";
    public static final String USAGE_RECORDED = PREFIX + "usage.recorded";
    public static final String ESCALATION_RAISED = PREFIX + "escalation.raised";
    public static final String ESCALATION_RESOLVED = PREFIX + "escalation.resolved";
    public static final String AGENT_STABLE = PREFIX + "agent.stable";
    public static final String SCHEDULE_CHANGED = PREFIX + "schedule.changed";
    public static final String AGENT_PAUSE_REQUESTED = PREFIX + "agent.pause-requested";
    public static final String REPORT_READY = PREFIX + "report.ready";

    public static final String HOST_REGISTERED = PREFIX + "host.registered";
    public static final String HOST_CHANGED = PREFIX + "host.changed";

    public static final String CLIENT_RENAMED = PREFIX + "client.renamed";
    public static final String CLIENT_ARCHIVED = PREFIX + "client.archived";

    public static final String NOTIFICATION_ACKNOWLEDGED = PREFIX + "notification.acknowledged";

    private EventTypes() {
    }
}
