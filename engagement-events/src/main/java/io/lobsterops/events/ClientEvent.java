package io.lobsterops.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An event about a client company rather than one engagement (a client has several engagements over its life): no
 * engagement, keyed and subjected by {@link #keyOf(String) the client's key}, a UUID derived from its slug, so one
 * client's events are consumed in order and a consumer checks the subject like any other.
 */
public interface ClientEvent extends EngagementEvent {

    /** The client's slug ({@code acme}), as in {@link EngagementOpened#clientId()}. */
    String clientId();

    @Override
    default UUID engagementId() {
        return null;
    }

    @Override
    default UUID subject() {
        return keyOf(clientId());
    }

    /** The Kafka key and CloudEvent subject of a client's events: a name-based (version 3) UUID of its slug. */
    static UUID keyOf(String clientId) {
        return clientId == null ? null
                : UUID.nameUUIDFromBytes(("lobsterops:client:" + clientId).getBytes(StandardCharsets.UTF_8));
    }
}
