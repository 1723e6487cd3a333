package io.lobsterops.agentconfig.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.agentconfig.service.RepositoryService;
import io.lobsterops.agentconfig.service.ScheduleService;
import io.lobsterops.events.ClientArchived;
import io.lobsterops.events.ClientRenamed;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.ScheduleChanged;
import io.lobsterops.kit.messaging.EventHandler;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.smallrye.mutiny.Uni;

/**
 * Creates and maintains the clients' repositories from the engagement events (and the client's name from
 * provisioning's corrections), and turns the cadences approved in
 * monitoring into proposals of the agent's scheduled jobs.
 */
@ApplicationScoped
public class EngagementEventsConsumer implements EventHandler {

    private static final Set<String> HANDLED = Set.of(EventTypes.ENGAGEMENT_OPENED, EventTypes.SCHEDULE_CHANGED,
            EventTypes.CLIENT_RENAMED, EventTypes.CLIENT_ARCHIVED);

    private final RepositoryService repositories;
    private final ScheduleService schedules;

    public EngagementEventsConsumer(RepositoryService repositories, ScheduleService schedules) {
        this.repositories = repositories;
        this.schedules = schedules;
    }

    @Override
    public boolean handles(String type) {
        return HANDLED.contains(type);
    }

    @Override
    public Uni<Void> handle(ReceivedEvent event) {
        return switch (event.payload()) {
            case EngagementOpened opened -> repositories.engagementOpened(opened);
            case ScheduleChanged changed -> schedules.scheduleChanged(event.id(), changed);
            case ClientRenamed renamed -> repositories.clientRenamed(renamed);
            case ClientArchived archived -> repositories.clientArchived(archived);
            default -> Uni.createFrom().voidItem();
        };
    }
}
