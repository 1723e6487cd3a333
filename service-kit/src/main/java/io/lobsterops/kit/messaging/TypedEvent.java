package io.lobsterops.kit.messaging;

import io.lobsterops.events.EngagementEvent;

/** An event as a batch route receives it: the CloudEvent's context attributes and its payload, typed. */
public record TypedEvent<P extends EngagementEvent>(ReceivedEvent event, P payload) {
}
