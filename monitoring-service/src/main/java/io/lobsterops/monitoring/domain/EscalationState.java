package io.lobsterops.monitoring.domain;

/** OPEN until a person acknowledges it (a page answered) or it is resolved, by a person or by its rule falling quiet. */
public enum EscalationState {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED
}
