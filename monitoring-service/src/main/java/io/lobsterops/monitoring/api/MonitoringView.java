package io.lobsterops.monitoring.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.lobsterops.events.GatewayHealth;
import io.lobsterops.events.Stage;
import io.lobsterops.monitoring.domain.HealthChange;
import io.lobsterops.monitoring.domain.MonitoredEngagement;
import io.lobsterops.monitoring.domain.MonitoredGateway;
import io.lobsterops.monitoring.domain.MonitoringStatus;
import io.lobsterops.monitoring.domain.ProbeOutcome;
import io.lobsterops.monitoring.domain.WatchState;

/**
 * How an engagement is monitored: stage, status, stability window, what is watched, its gateways' health and the last
 * health changes. A client sees its agent's health and window, never the agency's internals (host, profile, port,
 * probe details): {@link #forClient}.
 */
public record MonitoringView(UUID engagementId, String clientId, String clientName, Stage stage,
        MonitoringStatus status, GatewayHealth health, StabilityWindowView stabilityWindow, List<WatchView> watches,
        List<GatewayView> gateways, List<HealthChangeView> recentChanges, Instant registeredAt, Instant updatedAt) {

    public static MonitoringView forStaff(MonitoredEngagement e, List<MonitoredGateway> gateways,
            List<HealthChange> changes) {
        return new MonitoringView(e.engagementId, e.clientId, e.clientName, e.stage, e.status, health(gateways),
                window(e), watches(e), gateways.stream().map(GatewayView::from).toList(),
                changes.stream().map(HealthChangeView::from).toList(), e.registeredAt, e.updatedAt);
    }

    /** A client's view: its agent's health and window; no gateways' internals, no probe details. */
    public static MonitoringView forClient(MonitoredEngagement e, List<MonitoredGateway> gateways,
            List<HealthChange> changes) {
        return new MonitoringView(e.engagementId, e.clientId, e.clientName, e.stage, e.status, health(gateways),
                window(e), watches(e), null,
                changes.stream().map(c -> new HealthChangeView(c.from, c.to, null, c.changedAt)).toList(),
                e.registeredAt, e.updatedAt);
    }

    /** The worst health among the engagement's probed gateways; UNKNOWN without one. */
    static GatewayHealth health(List<MonitoredGateway> gateways) {
        return gateways.stream().filter(g -> g.probing).map(g -> g.health)
                .max((a, b) -> Integer.compare(severity(a), severity(b))).orElse(GatewayHealth.UNKNOWN);
    }

    private static int severity(GatewayHealth health) {
        return switch (health) {
            case UP -> 0;
            case UNKNOWN -> 1;
            case DOWN -> 2;
            case HOST_UNREACHABLE -> 3;
            case HOST_KEY_CHANGED -> 4;
        };
    }

    private static StabilityWindowView window(MonitoredEngagement e) {
        return e.stabilityWindowStart == null ? null
                : new StabilityWindowView(e.stabilityWindowStart, e.stabilityWindowEnd, e.stabilityWindowRestarts,
                        e.stableAt);
    }

    private static List<WatchView> watches(MonitoredEngagement e) {
        return List.of(new WatchView(Watch.HEALTH_PROBE, e.healthProbe), new WatchView(Watch.USAGE, e.usage),
                new WatchView(Watch.QUALITY, e.quality));
    }

    /** The last stability window, started when the engagement went LIVE; null before go-live. */
    public record StabilityWindowView(Instant startedAt, Instant endsAt, int restarts, Instant stableAt) {
    }

    public record WatchView(Watch what, WatchState state) {
    }

    public enum Watch {
        HEALTH_PROBE,
        USAGE,
        QUALITY
    }

    /** A gateway as staff see it in the cockpit. */
    public record GatewayView(UUID gatewayId, UUID hostId, String profile, int port, String openclawVersion,
            boolean probing, GatewayHealth health, Instant healthSince, ProbeOutcome lastOutcome, String lastDetail,
            Instant lastCheckedAt, Integer lastLatencyMs, Long rssBytes, Instant rssMeasuredAt) {

        public static GatewayView from(MonitoredGateway g) {
            return new GatewayView(g.gatewayId, g.hostId, g.profile, g.port, g.openclawVersion, g.probing, g.health,
                    g.healthSince, g.lastOutcome, g.lastDetail, g.lastCheckedAt, g.lastLatencyMs, g.rssBytes,
                    g.rssMeasuredAt);
        }
    }

    public record HealthChangeView(GatewayHealth from, GatewayHealth to, String reason, Instant changedAt) {

        static HealthChangeView from(HealthChange c) {
            return new HealthChangeView(c.from, c.to, c.reason, c.changedAt);
        }
    }
}
