package io.lobsterops.monitoring.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.EventTypes;
import io.lobsterops.kit.messaging.EventHandler;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.lobsterops.monitoring.service.MonitoringService;
import io.smallrye.mutiny.Uni;

/** Registers engagements for monitoring and follows their stage, from the engagement events. */
@ApplicationScoped
public class EngagementEventsConsumer implements EventHandler {

    private final MonitoringService monitoring;

    public EngagementEventsConsumer(MonitoringService monitoring) {
        this.monitoring = monitoring;
    }

    @Override
    public boolean handles(String type) {
        return EventTypes.ENGAGEMENT_OPENED.equals(type) || EventTypes.ENGAGEMENT_STAGE_CHANGED.equals(type);
    }

    @Override
    public Uni<Void> handle(ReceivedEvent event) {
        return switch (event.payload()) {
            case EngagementOpened opened -> monitoring.register(opened);
            case EngagementStageChanged changed -> monitoring.follow(changed);
            default -> Uni.createFrom().voidItem();
        };
    }
}
