package io.lobsterops.provisioning.engagement.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One event about an engagement (or a host) as provisioning consumed it, summarized (ADR 0029). */
@Entity
@Table(name = "timeline_event")
public class TimelineEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "engagement_id")
    public UUID engagementId;

    @Column(name = "host_id")
    public UUID hostId;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String source;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    public String actor;

    /** The line for staff. */
    @Column(nullable = false)
    public String summary;

    /** The line for the client; null when the event is internal only. */
    @Column(name = "client_summary")
    public String clientSummary;

    /** The one value the launch checklist reads (a kind, a health, a stage change). */
    public String detail;

    protected TimelineEvent() {
    }

    public static TimelineEvent of(String eventId, UUID engagementId, String type, String source, Instant at,
            EventSummary summary) {
        TimelineEvent event = new TimelineEvent();
        event.eventId = eventId;
        event.engagementId = engagementId;
        event.hostId = summary.hostId();
        event.type = type;
        event.source = source;
        event.occurredAt = at;
        event.actor = summary.actor();
        event.summary = summary.staff();
        event.clientSummary = summary.client();
        event.detail = summary.detail();
        return event;
    }
}
