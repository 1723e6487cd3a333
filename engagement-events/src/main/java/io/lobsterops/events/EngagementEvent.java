package io.lobsterops.events;

import java.util.UUID;

/** A payload published on {@link Topics#ENGAGEMENT_EVENTS}: it names its subject (the key: its engagement, or its host for a host-level event) and type. */
public interface EngagementEvent {

    /** The engagement this event belongs to: the Kafka key and the CloudEvent {@code subject}. */
    UUID engagementId();

    /** The CloudEvent {@code type}, one of {@link EventTypes}. */
    String type();

    /**
     * The Kafka key and the CloudEvent {@code subject}: the engagement, except for the host-level events
     * ({@link HostEvent}), which are keyed by their host so that one host's events are consumed in order.
     */
    default UUID subject() {
        return engagementId();
    }
}
