package io.lobsterops.billing.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of an account's timeline, from one event. */
@Entity
@Table(name = "account_activity")
public class AccountActivity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(nullable = false)
    public String summary;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    protected AccountActivity() {
    }

    public AccountActivity(UUID engagementId, String eventId, String summary, Instant occurredAt) {
        this.engagementId = engagementId;
        this.eventId = eventId;
        this.summary = summary;
        this.occurredAt = occurredAt;
    }
}
