package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/**
 * {@value EventTypes#ENGAGEMENT_OPENED}: a client's engagement was opened (stage {@link Stage#LEAD}).
 *
 * @param clientId a slug naming the client company, stable for its whole life
 */
public record EngagementOpened(
        UUID engagementId,
        String clientId,
        String clientName,
        String contactName,
        String contactEmail,
        String sector,
        String region,
        Stage stage,
        String openedBy,
        Instant openedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.ENGAGEMENT_OPENED;
    }
}
