package io.lobsterops.monitoring.domain;

/**
 * The state of one thing watched for an engagement (health probe, usage, run quality). Only
 * {@link #NOT_CONFIGURED} exists until probes, usage collection and run metrics are built.
 */
public enum WatchState {
    NOT_CONFIGURED
}
