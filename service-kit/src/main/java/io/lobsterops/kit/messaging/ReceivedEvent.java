package io.lobsterops.kit.messaging;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.lobsterops.events.EngagementEvent;

/** A CloudEvent as a consumer sees it: the context attributes and the typed payload. */
public record ReceivedEvent(String id, String type, String source, UUID subject, OffsetDateTime time,
        EngagementEvent payload) {
}
