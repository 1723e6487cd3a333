package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@value EventTypes#INCIDENT_OPENED}: something needs a person's attention (any service). About one engagement (a
 * kill switch waiting for its host), or about a host and every gateway on it (a changed host key): then
 * {@code engagementId} and {@code clientId} are null, {@code hostId} names the host and keys the event.
 */
public record IncidentOpened(
        UUID engagementId,
        String clientId,
        String kind,
        Priority priority,
        String summary,
        String detail,
        Instant openedAt,
        UUID hostId) implements EngagementEvent {

    /** An incident about one engagement. */
    public IncidentOpened(UUID engagementId, String clientId, String kind, Priority priority, String summary,
            String detail, Instant openedAt) {
        this(engagementId, clientId, kind, priority, summary, detail, openedAt, null);
    }

    /** An incident about a host as a whole, with no engagement. */
    public static IncidentOpened aboutHost(UUID hostId, String kind, Priority priority, String summary, String detail,
            Instant openedAt) {
        return new IncidentOpened(null, null, kind, priority, summary, detail, openedAt, hostId);
    }

    /** True when the incident concerns a host rather than one engagement. */
    public boolean hostLevel() {
        return engagementId == null;
    }

    @Override
    public UUID subject() {
        return engagementId != null ? engagementId : hostId;
    }

    @Override
    public String type() {
        return EventTypes.INCIDENT_OPENED;
    }
}
