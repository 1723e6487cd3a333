package io.lobsterops.events;

/**
 * CloudEvent {@code type} values: {@code lobsterops.<noun>.<verb-past>}. A type name, once published, never changes.
 */
public final class EventTypes {

    public static final String PREFIX = "lobsterops.";

    public static final String ENGAGEMENT_OPENED = PREFIX + "engagement.opened";
    public static final String ENGAGEMENT_STAGE_CHANGED = PREFIX + "engagement.stage-changed";

    private EventTypes() {
    }
}
