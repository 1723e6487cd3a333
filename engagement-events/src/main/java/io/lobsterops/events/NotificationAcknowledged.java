package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/** {@value EventTypes#NOTIFICATION_ACKNOWLEDGED}: a person acknowledged a page; re-paging stops (notification-service). {@code escalationId} is set when the page was for an escalation. */
public record NotificationAcknowledged(
        UUID engagementId,
        String clientId,
        UUID notificationId,
        UUID escalationId,
        String sourceEventType,
        String acknowledgedBy,
        String via,
        Instant acknowledgedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.NOTIFICATION_ACKNOWLEDGED;
    }
}
