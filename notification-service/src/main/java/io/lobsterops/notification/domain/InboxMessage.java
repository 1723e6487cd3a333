package io.lobsterops.notification.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A message in the cockpit inbox, about one engagement (or one host), until someone acknowledges it. */
@Entity
@Table(name = "inbox_message")
public class InboxMessage {

    @Id
    public UUID id;

    /** Null for a message about a host as a whole ({@link #hostId}). */
    @Column(name = "engagement_id")
    public UUID engagementId;

    /** Null for a message about a host as a whole. */
    @Column(name = "client_id")
    public String clientId;

    /** The host a host-level incident is about (its engagement and client are then null). */
    @Column(name = "host_id")
    public UUID hostId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Priority priority;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Audience audience;

    @Column(nullable = false)
    public String title;

    /** Markdown. */
    @Column(nullable = false)
    public String body;

    @Column(name = "source_event_id", nullable = false)
    public String sourceEventId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    /** {@code api} or {@code telegram}. */
    @Column(name = "acknowledged_via")
    public String acknowledgedVia;

    @Column(name = "source_event_type")
    public String sourceEventType;

    @Column(name = "escalation_id")
    public UUID escalationId;

    @Column(name = "group_key")
    public String groupKey;

    @Column(name = "group_open", nullable = false)
    public boolean groupOpen;

    /** How many later events updated this (grouped) message. */
    @Column(nullable = false)
    public int updates;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** When the next P0 page is due; null when the message is not (or no longer) paging. */
    @Column(name = "next_page_at")
    public Instant nextPageAt;

    @Column(nullable = false)
    public int pages;

    /** A silence held it back from every channel but the cockpit. */
    @Column(nullable = false)
    public boolean silenced;

    protected InboxMessage() {
    }

    public static InboxMessage post(UUID engagementId, String clientId, Priority priority, Audience audience,
            String title, String body, String sourceEventId, Instant at) {
        InboxMessage message = new InboxMessage();
        message.id = UUID.randomUUID();
        message.engagementId = engagementId;
        message.clientId = clientId;
        message.priority = priority;
        message.audience = audience;
        message.title = title;
        message.body = body;
        message.sourceEventId = sourceEventId;
        message.createdAt = at;
        return message;
    }

    public boolean isAcknowledged() {
        return acknowledgedAt != null;
    }

    public static InboxMessage post(Notice notice, String sourceEventId, String sourceEventType, Instant at) {
        InboxMessage message = post(notice.engagementId(), notice.clientId(), notice.priority(), notice.audience(),
                notice.title(), notice.body(), sourceEventId, at);
        message.sourceEventType = sourceEventType;
        message.escalationId = notice.escalationId();
        message.hostId = notice.hostId();
        message.groupKey = notice.groupKey();
        message.groupOpen = notice.groupKey() != null;
        message.updatedAt = at;
        return message;
    }

    /**
     * Records who acknowledged the message and how; the first acknowledgement stands, later ones change nothing.
     * Answers whether this call acknowledged it. Paging stops and the group closes.
     */
    public boolean acknowledge(String by, String via, Instant at) {
        if (isAcknowledged()) {
            return false;
        }
        acknowledgedAt = at;
        acknowledgedBy = by;
        acknowledgedVia = via;
        nextPageAt = null;
        groupOpen = false;
        return true;
    }

    /** The group stayed quiet for too long: it is over, a later event of it posts a new message. */
    public void groupClosed() {
        groupOpen = false;
    }

    /**
     * Routed as it was posted: held by a silence or not; a staff P0 that pages starts paging now (its first page) and
     * pages again after {@code interval} until acknowledged.
     */
    public void routed(boolean silenced, boolean pages, Instant at, Duration interval) {
        this.silenced = silenced;
        if (pages && audience == Audience.STAFF && priority == Priority.P0) {
            this.pages = 1;
            nextPageAt = at.plus(interval);
        }
    }

    /** A later event of the same open group: the message now says what the newest says, at the higher priority. */
    public void update(Notice notice, Instant at) {
        title = notice.title();
        body = notice.body() + "\n(updated " + (updates + 1) + " time(s) since it was first posted)\n";
        if (notice.priority().ordinal() < priority.ordinal()) {
            priority = notice.priority();
        }
        updates++;
        updatedAt = at;
    }
}
