package io.lobsterops.events;

import java.util.UUID;

/**
 * A payload published on {@link Topics#ENGAGEMENT_EVENTS}: it names its subject (the key: its engagement, its host for
 * a host-level event, its client's key for a client-level one) and type.
 */
public interface EngagementEvent {

    /** The engagement this event belongs to: the Kafka key and the CloudEvent {@code subject}. */
    UUID engagementId();

    /** The CloudEvent {@code type}, one of {@link EventTypes}. */
    String type();

    /**
     * The Kafka key and the CloudEvent {@code subject}: the engagement, except for the host-level events
     * ({@link HostEvent}), which are keyed by their host so that one host's events are consumed in order, and the
     * client-level events ({@link ClientEvent}), keyed by their client.
     */
    default UUID subject() {
        return engagementId();
    }
}
