package io.lobsterops.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.messaging.EventConsumer;
import io.lobsterops.kit.messaging.EventRoutes;
import io.lobsterops.notification.domain.EngagementMessages;
import io.lobsterops.notification.service.NotificationService;

/** Every event a person should hear about ({@link EngagementMessages#PAYLOADS}) becomes messages and deliveries. */
@ApplicationScoped
public class EngagementEventsConsumer implements EventConsumer {

    private final EventRoutes routes;

    public EngagementEventsConsumer(NotificationService notifications) {
        this.routes = EventRoutes.builder()
                .onEach(EngagementMessages.PAYLOADS, notifications::handle)
                .build();
    }

    @Override
    public EventRoutes routes() {
        return routes;
    }
}
