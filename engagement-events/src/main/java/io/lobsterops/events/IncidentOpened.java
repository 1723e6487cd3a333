package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/** {@value EventTypes#INCIDENT_OPENED}: something needs a person's attention, e.g. a host key changed (any service). */
public record IncidentOpened(
        UUID engagementId,
        String clientId,
        String kind,
        Priority priority,
        String summary,
        String detail,
        Instant openedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.INCIDENT_OPENED;
    }
}
