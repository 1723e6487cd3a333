package io.lobsterops.notification.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A message in the cockpit inbox, about one engagement, until someone acknowledges it. */
@Entity
@Table(name = "inbox_message")
public class InboxMessage {

    @Id
    public UUID id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

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

    /** Records who acknowledged the message; the first acknowledgement stands, later ones change nothing. */
    public void acknowledge(String by, Instant at) {
        if (!isAcknowledged()) {
            acknowledgedAt = at;
            acknowledgedBy = by;
        }
    }
}
