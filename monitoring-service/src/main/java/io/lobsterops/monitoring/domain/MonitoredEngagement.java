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

    @Column(name = "stability_window_end")
    public Instant stabilityWindowEnd;

    /** How many times a P0/P1 escalation restarted the current window. */
    @Column(name = "stability_window_restarts", nullable = false)
    public int stabilityWindowRestarts;

    /** When the window closed clean and agent.stable was published; null until then. */
    @Column(name = "stable_at")
    public Instant stableAt;

    public String sector;

    /** The approved commit running on the engagement's gateway (agent.deployed), and its tag. */
    @Column(name = "deployed_commit")
    public String deployedCommit;

    @Column(name = "deployed_tag")
    public String deployedTag;

    /** A sensitive sector (health, legal, finance…) gets the longer stability window. */
    @Column(nullable = false)
    public boolean sensitive;

    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    protected MonitoredEngagement() {
    }

    public static MonitoredEngagement register(UUID engagementId, String clientId, String clientName, String sector,
            boolean sensitive, Stage stage, Instant at, Duration window) {
        MonitoredEngagement engagement = new MonitoredEngagement();
        engagement.engagementId = engagementId;
        engagement.clientId = clientId;
        engagement.clientName = clientName;
        engagement.sector = sector;
        engagement.sensitive = sensitive;
        engagement.healthProbe = WatchState.NOT_CONFIGURED;
        engagement.usage = WatchState.NOT_CONFIGURED;
        engagement.quality = WatchState.NOT_CONFIGURED;
        engagement.registeredAt = at;
        engagement.follow(stage, at, window);
        return engagement;
    }

    /**
     * Follows the engagement into {@code to}. Entering LIVE (first go-live, or resuming LIVE after a suspension)
     * starts a new stability window of {@code window}: a window must be clean from start to end.
     */
    public void follow(Stage to, Instant at, Duration window) {
        if (to == Stage.LIVE && stage != Stage.LIVE) {
            stabilityWindowStart = at;
            stabilityWindowEnd = at.plus(window);
            stabilityWindowRestarts = 0;
            stableAt = null;
        }
        stage = to;
        status = MonitoringStatus.forStage(to);
        if (healthProbe != WatchState.NOT_CONFIGURED) {
            healthProbe = watchFor(status);
            usage = watchFor(status);
        }
        updatedAt = at;
    }

    /** Whether the stability window is open at {@code now}: LIVE, not yet declared stable. */
    public boolean inStabilityWindow() {
        return stage == Stage.LIVE && stabilityWindowStart != null && stableAt == null;
    }

    /** A P0/P1 escalation during the window: the agent must run clean for a whole window from now on. */
    public boolean restartStabilityWindow(Instant at, Duration window) {
        if (!inStabilityWindow()) {
            return false;
        }
        stabilityWindowStart = at;
        stabilityWindowEnd = at.plus(window);
        stabilityWindowRestarts++;
        updatedAt = at;
        return true;
    }

    /** The window ran clean to its end: the engagement is declared stable (once). */
    public boolean closeStabilityWindow(Instant now) {
        if (!inStabilityWindow() || now.isBefore(stabilityWindowEnd)) {
            return false;
        }
        stableAt = now;
        updatedAt = now;
        return true;
    }

    /** agent.deployed: this release (commit and tag) now runs on the gateway. */
    public void deployed(String commit, String tag) {
        deployedCommit = commit;
        deployedTag = tag;
    }

    /** A gateway of this engagement is installed: health and usage are watched from now on (unless paused). */
    public void gatewayWatched(Instant at) {
        healthProbe = watchFor(status);
        usage = watchFor(status);
        updatedAt = at;
    }

    private static WatchState watchFor(MonitoringStatus status) {
        return switch (status) {
            case PAUSED -> WatchState.PAUSED;
            case STOPPED -> WatchState.STOPPED;
            case AWAITING_GATEWAY, STABILITY_WINDOW, STEADY -> WatchState.WATCHING;
        };
    }

    /** Runs are recorded for this engagement: quality is watched. */
    public void qualityWatched(Instant at) {
        if (quality == WatchState.NOT_CONFIGURED) {
            quality = WatchState.WATCHING;
            updatedAt = at;
        }
    }
}
