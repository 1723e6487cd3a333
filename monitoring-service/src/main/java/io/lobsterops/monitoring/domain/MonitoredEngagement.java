package io.lobsterops.monitoring.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.lobsterops.events.Stage;

/**
 * An engagement under monitoring: registered when it opens, following its stage. Going LIVE starts the stability
 * window; SUSPENDED pauses monitoring, TERMINATED stops it. What is watched (health probe, usage, quality) is
 * recorded per engagement, not configured yet.
 */
@Entity
@Table(name = "monitored_engagement")
public class MonitoredEngagement {

    @Id
    @Column(name = "engagement_id")
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "client_name", nullable = false)
    public String clientName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Stage stage;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MonitoringStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "health_probe", nullable = false)
    public WatchState healthProbe;

    @Enumerated(EnumType.STRING)
    @Column(name = "usage_watch", nullable = false)
    public WatchState usage;

    @Enumerated(EnumType.STRING)
    @Column(name = "quality_watch", nullable = false)
    public WatchState quality;

    @Column(name = "stability_window_start")
    public Instant stabilityWindowStart;

    @Column(name = "stability_window_min_end")
    public Instant stabilityWindowMinEnd;

    @Column(name = "stability_window_max_end")
    public Instant stabilityWindowMaxEnd;

    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    protected MonitoredEngagement() {
    }

    public static MonitoredEngagement register(UUID engagementId, String clientId, String clientName, Stage stage,
            Instant at, Duration windowMinimum, Duration windowMaximum) {
        MonitoredEngagement engagement = new MonitoredEngagement();
        engagement.engagementId = engagementId;
        engagement.clientId = clientId;
        engagement.clientName = clientName;
        engagement.healthProbe = WatchState.NOT_CONFIGURED;
        engagement.usage = WatchState.NOT_CONFIGURED;
        engagement.quality = WatchState.NOT_CONFIGURED;
        engagement.registeredAt = at;
        engagement.follow(stage, at, windowMinimum, windowMaximum);
        return engagement;
    }

    /**
     * Follows the engagement into {@code to}. Entering LIVE (first go-live, or resuming LIVE after a suspension)
     * starts a new stability window: a window must be clean from start to end.
     */
    public void follow(Stage to, Instant at, Duration windowMinimum, Duration windowMaximum) {
        if (to == Stage.LIVE && stage != Stage.LIVE) {
            stabilityWindowStart = at;
            stabilityWindowMinEnd = at.plus(windowMinimum);
            stabilityWindowMaxEnd = at.plus(windowMaximum);
        }
        stage = to;
        status = MonitoringStatus.forStage(to);
        updatedAt = at;
    }
}
