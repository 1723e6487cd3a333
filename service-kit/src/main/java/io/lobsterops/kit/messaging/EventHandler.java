package io.lobsterops.kit.messaging;

import io.smallrye.mutiny.Uni;

/** What a service does with the engagement events it cares about. */
public interface EventHandler {

    /** Whether this service acts on events of {@code type}; others are acknowledged and skipped. */
    boolean handles(String type);

    /**
     * The effect of {@code event}, run inside the transaction that also records the event id: when it fails, neither
     * is kept and the event is retried, then dead-lettered. Throw {@link PoisonEventException} for an event that no
     * retry can fix.
     */
    Uni<Void> handle(ReceivedEvent event);
}
