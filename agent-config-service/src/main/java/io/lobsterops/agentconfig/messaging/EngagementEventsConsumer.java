package io.lobsterops.agentconfig.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.lobsterops.agentconfig.service.RepositoryService;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EventTypes;
import io.lobsterops.kit.messaging.Channels;
import io.lobsterops.kit.messaging.EventHandler;
import io.lobsterops.kit.messaging.EventInbox;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.smallrye.mutiny.Uni;

/** Creates and maintains the clients' repositories from the engagement events. */
@ApplicationScoped
public class EngagementEventsConsumer implements EventHandler {

    private final EventInbox inbox;
    private final RepositoryService repositories;

    public EngagementEventsConsumer(EventInbox inbox, RepositoryService repositories) {
        this.inbox = inbox;
        this.repositories = repositories;
    }

    @Incoming(Channels.ENGAGEMENT_EVENTS_IN)
    public Uni<Void> consume(Message<String> message) {
        return inbox.process(message, this);
    }

    @Override
    public boolean handles(String type) {
        return EventTypes.ENGAGEMENT_OPENED.equals(type);
    }

    @Override
    public Uni<Void> handle(ReceivedEvent event) {
        return switch (event.payload()) {
            case EngagementOpened opened -> repositories.engagementOpened(opened);
            default -> Uni.createFrom().voidItem();
        };
    }
}
