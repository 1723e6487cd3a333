package io.lobsterops.events;

/** CloudEvent {@code source} values: the service that produced the event. */
public final class EventSources {

    public static final String PROVISIONING = "/lobsterops/provisioning-service";
    public static final String AGENT_CONFIG = "/lobsterops/agent-config-service";
    public static final String MONITORING = "/lobsterops/monitoring-service";
    public static final String NOTIFICATION = "/lobsterops/notification-service";
    public static final String BILLING = "/lobsterops/billing-service";

    private EventSources() {
    }
}
