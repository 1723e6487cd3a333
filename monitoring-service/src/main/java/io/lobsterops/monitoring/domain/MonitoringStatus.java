package io.lobsterops.monitoring.domain;

import io.lobsterops.events.Stage;

/** Where monitoring stands for one engagement, derived from the engagement's stage. */
public enum MonitoringStatus {
    /** Registered; the engagement has no live gateway to watch yet. */
    AWAITING_GATEWAY,
    /** LIVE: the stability window runs; the gateway must stay clean 24–48 h before STABLE. */
    STABILITY_WINDOW,
    /** STABLE or MAINTENANCE: ordinary monitoring. */
    STEADY,
    /** SUSPENDED (kill switch): nothing is watched until the engagement resumes. */
    PAUSED,
    /** TERMINATED: monitoring has ended for good. */
    STOPPED;

    public static MonitoringStatus forStage(Stage stage) {
        return switch (stage) {
            case LIVE -> STABILITY_WINDOW;
            case STABLE, MAINTENANCE -> STEADY;
            case SUSPENDED -> PAUSED;
            case TERMINATED -> STOPPED;
            case LEAD, DISCOVERY, PROPOSAL, SIGNED, PROVISIONING, CONFIGURING, IN_REVIEW, DEPLOYING, TRAINING ->
                AWAITING_GATEWAY;
        };
    }
}
