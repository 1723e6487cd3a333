package io.lobsterops.events;

/** Kafka topic names of the contract. Every event of one engagement is keyed by its engagement id. */
public final class Topics {

    /** Lifecycle events of engagements, keyed by engagement id, so one engagement's events are consumed in order. */
    public static final String ENGAGEMENT_EVENTS = "engagement-events";

    /** Where a consumer puts an engagement event it could not process, with the error in the record headers. */
    public static final String ENGAGEMENT_EVENTS_DLQ = ENGAGEMENT_EVENTS + ".dlq";

    private Topics() {
    }
}
