package io.lobsterops.notification.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.lobsterops.notification.domain.EngagementMessages;
import io.lobsterops.notification.domain.InboxMessage;
import io.lobsterops.notification.persistence.InboxMessageRepository;
import io.lobsterops.notification.persistence.InboxMessageRepository.Filter;
import io.lobsterops.kit.persistence.Found;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The cockpit inbox: messages posted from engagement events, listed and acknowledged by staff. The event methods run
 * inside the inbox's transaction (see {@code EngagementEventsConsumer}), which also records the event id.
 */
@ApplicationScoped
public class InboxService {

    private final InboxMessageRepository messages;

    public InboxService(InboxMessageRepository messages) {
        this.messages = messages;
    }

    public Uni<Void> opened(ReceivedEvent event, EngagementOpened opened) {
        return messages.persist(EngagementMessages.opened(opened, event.id(), now())).replaceWithVoid();
    }

    public Uni<Void> stageChanged(ReceivedEvent event, EngagementStageChanged changed) {
        return post(EngagementMessages.stageChanged(changed, event.id(), now()));
    }

    private Uni<Void> post(List<InboxMessage> posted) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (InboxMessage message : posted) {
            chain = chain.chain(() -> messages.persist(message)).replaceWithVoid();
        }
        return chain;
    }

    @WithSession
    public Uni<InboxMessage> find(UUID id, Optional<String> clientScope) {
        return messages.findVisible(id, clientScope)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Inbox message", id));
    }

    @WithSession
    public Uni<Found<InboxMessage>> page(Filter filter, int page, int size) {
        return messages.page(filter, page, size)
                .chain(items -> messages.count(filter).map(total -> new Found<>(items, total)));
    }

    /** Acknowledges a message; acknowledging it again changes nothing and answers the message as it stands. */
    @WithTransaction
    public Uni<InboxMessage> acknowledge(UUID id, String by) {
        return messages.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Inbox message", id))
                .invoke(message -> message.acknowledge(by, now()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
