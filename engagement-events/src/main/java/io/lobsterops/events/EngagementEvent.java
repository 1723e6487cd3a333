package io.lobsterops.events;

import java.util.UUID;

/** A payload published on {@link Topics#ENGAGEMENT_EVENTS}: it names its engagement (the key and subject) and type. */
public interface EngagementEvent {

    /** The engagement this event belongs to: the Kafka key and the CloudEvent {@code subject}. */
    UUID engagementId();

    /** The CloudEvent {@code type}, one of {@link EventTypes}. */
    String type();
}
