package io.lobsterops.monitoring.domain;

/** The state of one thing watched for an engagement (health probe, usage, run quality). */
public enum WatchState {
    /** Nothing to watch yet: no gateway installed (health, usage) or no run recorded (quality). */
    NOT_CONFIGURED,
    /** Watched. */
    WATCHING,
    /** The agent is suspended: its gateway is not probed until it resumes. */
    PAUSED,
    /** The engagement is terminated: nothing is watched any more. */
    STOPPED
}
