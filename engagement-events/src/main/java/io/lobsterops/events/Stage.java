package io.lobsterops.events;

/** The stages of an engagement's lifecycle (architecture §1). The allowed moves are {@link StageTransitions}. */
public enum Stage {
    LEAD,
    DISCOVERY,
    PROPOSAL,
    SIGNED,
    PROVISIONING,
    CONFIGURING,
    IN_REVIEW,
    DEPLOYING,
    TRAINING,
    LIVE,
    STABLE,
    MAINTENANCE,
    SUSPENDED,
    TERMINATED
}
