package io.lobsterops.notification.api;

import java.time.Instant;
import java.util.UUID;

import io.lobsterops.notification.domain.Audience;
import io.lobsterops.notification.domain.InboxMessage;
import io.lobsterops.notification.domain.Priority;

/** A cockpit inbox message; {@code body} is Markdown. */
public record InboxMessageView(UUID id, UUID engagementId, String clientId, Priority priority, Audience audience,
        String title, String body, Instant createdAt, Instant acknowledgedAt, String acknowledgedBy) {

    public static InboxMessageView from(InboxMessage m) {
        return new InboxMessageView(m.id, m.engagementId, m.clientId, m.priority, m.audience, m.title, m.body,
                m.createdAt, m.acknowledgedAt, m.acknowledgedBy);
    }
}
