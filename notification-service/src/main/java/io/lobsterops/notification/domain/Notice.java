package io.lobsterops.notification.domain;

import java.util.UUID;

/**
 * One message an event gives: to whom, how urgent, what it says (title in plain text, body in Markdown with every
 * event field escaped), and the group it belongs to — one open message per (engagement, audience, group key), so
 * a second event of the same group updates that message instead of adding one. A message about a host as a whole has
 * no engagement and no client, only {@code hostId}, and is always a staff message.
 */
public record Notice(UUID engagementId, String clientId, Audience audience, Priority priority, String title,
        String body, String groupKey, UUID escalationId, UUID hostId) {

    public Notice {
        if (title.length() > 200) {
            title = title.substring(0, 199) + "…";
        }
        if (engagementId == null && (hostId == null || audience != Audience.STAFF)) {
            throw new IllegalArgumentException("a message without an engagement is a staff message about a host");
        }
    }

    public Notice(UUID engagementId, String clientId, Audience audience, Priority priority, String title, String body,
            String groupKey, UUID escalationId) {
        this(engagementId, clientId, audience, priority, title, body, groupKey, escalationId, null);
    }
}
