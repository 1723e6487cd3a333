package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/** {@value EventTypes#SCHEDULE_CHANGED}: a supervisor approved a new cadence for one of an agent's activities (monitoring-service). */
public record ScheduleChanged(
        UUID engagementId,
        String clientId,
        String activity,
        String cadence,
        String previousCadence,
        String approvedBy,
        Instant changedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.SCHEDULE_CHANGED;
    }
}
