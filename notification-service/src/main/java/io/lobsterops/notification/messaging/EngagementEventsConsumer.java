package io.lobsterops.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.EventTypes;
import io.lobsterops.kit.messaging.Channels;
import io.lobsterops.kit.messaging.EventHandler;
import io.lobsterops.kit.messaging.EventInbox;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.lobsterops.notification.service.InboxService;
import io.smallrye.mutiny.Uni;

/** Puts a message in the cockpit inbox for each engagement opened and each stage change. */
@ApplicationScoped
public class EngagementEventsConsumer implements EventHandler {

    private final EventInbox inbox;
    private final InboxService messages;

    public EngagementEventsConsumer(EventInbox inbox, InboxService messages) {
        this.inbox = inbox;
        this.messages = messages;
    }

    @Incoming(Channels.ENGAGEMENT_EVENTS_IN)
    public Uni<Void> consume(Message<String> message) {
        return inbox.process(message, this);
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
