package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/** {@value EventTypes#ENGAGEMENT_STAGE_CHANGED}: an engagement moved from one lifecycle stage to another. */
public record EngagementStageChanged(
        UUID engagementId,
        String clientId,
        Stage from,
        Stage to,
        String reason,
        String changedBy,
        Instant changedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.ENGAGEMENT_STAGE_CHANGED;
    }
}
