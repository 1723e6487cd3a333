package io.lobsterops.monitoring.domain;

import io.lobsterops.events.Priority;

/**
 * The runbook's escalation rules, each with its priority and a stable name (the dedup key is engagement + rule). An
 * incident from another service takes the priority that incident carries.
 */
public enum EscalationRule {
    GATEWAY_DOWN("gateway-down", Priority.P1),
    HOST_KEY_CHANGED("host-key-changed", Priority.P0),
    QUALITY_LOW("quality-low", Priority.P2),
    BUDGET_WARNING("budget-80", Priority.P2),
    BUDGET_EXCEEDED("budget-100", Priority.P1),
    UNPRICED_TOKENS("unpriced-tokens", Priority.P2),
    USAGE_ANOMALY("usage-anomaly", Priority.P2),
    MEMORY_HIGH("memory-high", Priority.P2),
    WORKSPACE_DRIFT("workspace-drift", Priority.P1),
    INCIDENT("incident", Priority.P1);

    private final String key;
    private final Priority priority;

    EscalationRule(String key, Priority priority) {
        this.key = key;
        this.priority = priority;
    }

    public String key() {
        return key;
    }

    public Priority priority() {
        return priority;
    }

    /** Whether an open escalation of this rule resolves by itself once the rule stops firing for a quiet period. */
    public boolean resolvesWhenQuiet() {
        return this != HOST_KEY_CHANGED && this != INCIDENT;
    }
}
