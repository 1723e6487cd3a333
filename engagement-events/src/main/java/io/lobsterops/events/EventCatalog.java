package io.lobsterops.events;

import java.util.Map;
import java.util.Optional;

/** Every published event type with its payload record: what the compatibility check and the consumers rely on. */
public final class EventCatalog {

    private static final Map<String, Class<? extends EngagementEvent>> PAYLOADS = Map.of(
            EventTypes.ENGAGEMENT_OPENED, EngagementOpened.class,
            EventTypes.ENGAGEMENT_STAGE_CHANGED, EngagementStageChanged.class);

    private EventCatalog() {
    }

    public static Map<String, Class<? extends EngagementEvent>> payloads() {
        return PAYLOADS;
    }

    public static Optional<Class<? extends EngagementEvent>> payloadOf(String type) {
        return Optional.ofNullable(PAYLOADS.get(type));
    }
}
