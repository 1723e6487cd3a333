package io.lobsterops.monitoring.domain;

/** An optimizer proposal waits for a supervisor, who approves or rejects it; it is never applied by itself. */
public enum ProposalState {
    PROPOSED,
    APPROVED,
    REJECTED
}
