package io.lobsterops.agentconfig.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.agentconfig.service.RepositoryService;
import io.lobsterops.agentconfig.service.ScheduleService;
import io.lobsterops.events.ClientArchived;
import io.lobsterops.events.ClientRenamed;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.ScheduleChanged;
import io.lobsterops.kit.messaging.EventConsumer;
import io.lobsterops.kit.messaging.EventRoutes;

/**
 * Creates and maintains the clients' repositories from the engagement events (and the client's name from
 * provisioning's corrections), and turns the cadences approved in
 * monitoring into proposals of the agent's scheduled jobs.
 */
@ApplicationScoped
public class EngagementEventsConsumer implements EventConsumer {

    private final EventRoutes routes;

    public EngagementEventsConsumer(RepositoryService repositories, ScheduleService schedules) {
        this.routes = EventRoutes.builder()
                .on(EngagementOpened.class, repositories::engagementOpened)
                .on(ScheduleChanged.class, (event, changed) -> schedules.scheduleChanged(event.id(), changed))
                .on(ClientRenamed.class, repositories::clientRenamed)
                .on(ClientArchived.class, repositories::clientArchived)
                .build();
    }

    @Override
    public EventRoutes routes() {
        return routes;
    }
}
