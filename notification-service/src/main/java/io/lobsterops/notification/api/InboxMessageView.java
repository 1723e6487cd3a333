package io.lobsterops.notification.api;

import java.time.Instant;
import java.util.UUID;

import io.lobsterops.notification.domain.Audience;
import io.lobsterops.notification.domain.InboxMessage;
import io.lobsterops.notification.domain.Priority;

/**
 * A cockpit inbox message; {@code body} is Markdown. A host-level incident has {@code hostId} and no engagement or
 * client. {@code groupKey}/{@code updates}: later events of the same group
 * updated this message; {@code pages}/{@code nextPageAt}: P0 paging until acknowledged ({@code acknowledgedVia}
 * {@code api} or {@code telegram}).
 */
public record InboxMessageView(UUID id, UUID engagementId, String clientId, UUID hostId, Priority priority,
        Audience audience,
        String title, String body, String sourceEventType, UUID escalationId, String groupKey, boolean groupOpen,
        int updates, boolean silenced, int pages, Instant nextPageAt, Instant createdAt, Instant updatedAt,
        Instant acknowledgedAt, String acknowledgedBy, String acknowledgedVia) {

    /** What a client user reads of a message addressed to it: not who acknowledged it nor the paging behind it. */
    public static InboxMessageView forClient(InboxMessage m) {
        return new InboxMessageView(m.id, m.engagementId, m.clientId, m.hostId, m.priority, m.audience, m.title, m.body,
                m.sourceEventType, null, null, m.groupOpen, m.updates, false, 0, null, m.createdAt, m.updatedAt,
                m.acknowledgedAt, null, null);
    }

    public static InboxMessageView from(InboxMessage m) {
        return new InboxMessageView(m.id, m.engagementId, m.clientId, m.hostId, m.priority, m.audience, m.title, m.body,
                m.sourceEventType, m.escalationId, m.groupKey, m.groupOpen, m.updates, m.silenced, m.pages,
                m.nextPageAt, m.createdAt, m.updatedAt, m.acknowledgedAt, m.acknowledgedBy, m.acknowledgedVia);
    }
}
