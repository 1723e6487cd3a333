package io.lobsterops.monitoring.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.lobsterops.events.Stage;
import io.lobsterops.monitoring.domain.MonitoredEngagement;
import io.lobsterops.monitoring.domain.MonitoringStatus;
import io.lobsterops.monitoring.domain.WatchState;

/** How an engagement is monitored: its stage, monitoring status, stability window and what is watched. */
public record MonitoringView(UUID engagementId, String clientId, String clientName, Stage stage,
        MonitoringStatus status, StabilityWindowView stabilityWindow, List<WatchView> watches, Instant registeredAt,
        Instant updatedAt) {

    public static MonitoringView from(MonitoredEngagement e) {
        return new MonitoringView(e.engagementId, e.clientId, e.clientName, e.stage, e.status,
                e.stabilityWindowStart == null ? null
                        : new StabilityWindowView(e.stabilityWindowStart, e.stabilityWindowMinEnd,
                                e.stabilityWindowMaxEnd),
                List.of(new WatchView(Watch.HEALTH_PROBE, e.healthProbe), new WatchView(Watch.USAGE, e.usage),
                        new WatchView(Watch.QUALITY, e.quality)),
                e.registeredAt, e.updatedAt);
    }

    /** The last stability window, started when the engagement went LIVE; null before go-live. */
    public record StabilityWindowView(Instant startedAt, Instant earliestEnd, Instant latestEnd) {
    }

    public record WatchView(Watch what, WatchState state) {
    }

    public enum Watch {
        HEALTH_PROBE,
        USAGE,
        QUALITY
    }
}
