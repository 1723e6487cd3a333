package io.lobsterops.agentconfig.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.agentconfig.service.RepositoryService;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EventTypes;
import io.lobsterops.kit.messaging.EventHandler;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.smallrye.mutiny.Uni;

/** Creates and maintains the clients' repositories from the engagement events. */
@ApplicationScoped
public class EngagementEventsConsumer implements EventHandler {

    private final RepositoryService repositories;

    public EngagementEventsConsumer(RepositoryService repositories) {
        this.repositories = repositories;
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
