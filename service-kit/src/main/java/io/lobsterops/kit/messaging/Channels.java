package io.lobsterops.kit.messaging;

/** Reactive Messaging channel names, shared by the consumers and their tests. */
public final class Channels {

    /** Every service's subscription to the {@code engagement-events} topic. */
    public static final String ENGAGEMENT_EVENTS_IN = "engagement-events-in";

    private Channels() {
    }
}
