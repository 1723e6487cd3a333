package io.lobsterops.kit.messaging;

/**
 * What a service does with the engagement events it cares about: a bean declaring its {@link EventRoutes}, one route
 * per payload type, built once. Each route's effect runs inside the transaction that also records the event id: when
 * it fails, neither is kept and the event is retried, then dead-lettered. An effect throws
 * {@link PoisonEventException} for an event that no retry can fix.
 */
public interface EventConsumer {

    EventRoutes routes();
}
