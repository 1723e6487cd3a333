package io.lobsterops.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.messaging.EventHandler;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.lobsterops.notification.domain.EngagementMessages;
import io.lobsterops.notification.service.NotificationService;
import io.smallrye.mutiny.Uni;

/** Every event a person should hear about ({@link EngagementMessages#TYPES}) becomes messages and deliveries. */
@ApplicationScoped
public class EngagementEventsConsumer implements EventHandler {

    private final NotificationService notifications;

    public EngagementEventsConsumer(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public boolean handles(String type) {
        return EngagementMessages.TYPES.contains(type);
    }

    @Override
    public Uni<Void> handle(ReceivedEvent event) {
        return notifications.handle(event);
    }
}
