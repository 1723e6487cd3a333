package io.lobsterops.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.EventTypes;
import io.lobsterops.kit.messaging.EventHandler;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.lobsterops.notification.service.InboxService;
import io.smallrye.mutiny.Uni;

/** Puts a message in the cockpit inbox for each engagement opened and each stage change. */
@ApplicationScoped
public class EngagementEventsConsumer implements EventHandler {

    private final InboxService messages;

    public EngagementEventsConsumer(InboxService messages) {
        this.messages = messages;
    }

    @Override
    public boolean handles(String type) {
        return EventTypes.ENGAGEMENT_OPENED.equals(type) || EventTypes.ENGAGEMENT_STAGE_CHANGED.equals(type);
    }

    @Override
    public Uni<Void> handle(ReceivedEvent event) {
        return switch (event.payload()) {
            case EngagementOpened opened -> messages.opened(event, opened);
            case EngagementStageChanged changed -> messages.stageChanged(event, changed);
            default -> Uni.createFrom().voidItem();
        };
    }
}
