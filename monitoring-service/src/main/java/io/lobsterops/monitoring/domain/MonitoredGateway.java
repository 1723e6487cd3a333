package io.lobsterops.monitoring.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.lobsterops.events.GatewayHealth;

/**
 * An installed gateway under watch, known from provisioning's events alone (never created by hand), with its damped
 * health. A suspended or terminated agent's gateway is not probed.
 */
@Entity
@Table(name = "monitored_gateway")
public class MonitoredGateway {

    @Id
    @Column(name = "gateway_id")
    public UUID gatewayId;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "host_id", nullable = false)
    public UUID hostId;

    @Column(nullable = false)
    public String profile;

    @Column(nullable = false)
    public int port;

    @Column(name = "openclaw_version")
    public String openclawVersion;

    @Column(nullable = false)
    public boolean probing;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public GatewayHealth health;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "consecutive_successes", nullable = false)
    public int consecutiveSuccesses;

    @Column(name = "health_since", nullable = false)
    public Instant healthSince;

    @Enumerated(EnumType.STRING)
    @Column(name = "last_outcome")
    public ProbeOutcome lastOutcome;

    @Column(name = "last_detail")
    public String lastDetail;

    @Column(name = "last_checked_at")
    public Instant lastCheckedAt;

    @Column(name = "last_latency_ms")
    public Integer lastLatencyMs;

    @Column(name = "rss_bytes")
    public Long rssBytes;

    @Column(name = "rss_measured_at")
    public Instant rssMeasuredAt;

    @Column(name = "installed_at", nullable = false)
    public Instant installedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;

    protected MonitoredGateway() {
    }

    public static MonitoredGateway installed(UUID gatewayId, UUID engagementId, String clientId, UUID hostId,
            String profile, int port, String openclawVersion, boolean probing, Instant at) {
        MonitoredGateway gateway = new MonitoredGateway();
        gateway.gatewayId = gatewayId;
        gateway.engagementId = engagementId;
        gateway.clientId = clientId;
        gateway.hostId = hostId;
        gateway.profile = profile;
        gateway.port = port;
        gateway.openclawVersion = openclawVersion;
        gateway.probing = probing;
        gateway.health = GatewayHealth.UNKNOWN;
        gateway.healthSince = at;
        gateway.installedAt = at;
        gateway.updatedAt = at;
        return gateway;
    }

    /**
     * Takes one probe into account and answers the change of health it causes, if any. The first good probe of a
     * new gateway makes it UP; after that {@code damping} decides: a flapping gateway changes state once, not at
     * every probe. A changed host key is a change at once.
     */
    public Optional<HealthTransition> observe(ProbeResult probe, Damping damping) {
        lastOutcome = probe.outcome();
        lastDetail = probe.detail();
        lastCheckedAt = probe.at();
        lastLatencyMs = (int) Math.min(Integer.MAX_VALUE, probe.latencyMillis());
        updatedAt = probe.at();
        GatewayHealth target;
        boolean due;
        if (probe.outcome() == ProbeOutcome.READY) {
            consecutiveSuccesses++;
            consecutiveFailures = 0;
            target = GatewayHealth.UP;
            due = health == GatewayHealth.UNKNOWN || consecutiveSuccesses >= damping.successesBeforeUp();
        } else {
            consecutiveFailures++;
            consecutiveSuccesses = 0;
            target = switch (probe.outcome()) {
                case GATEWAY_NOT_READY -> GatewayHealth.DOWN;
                case HOST_UNREACHABLE -> GatewayHealth.HOST_UNREACHABLE;
                case HOST_KEY_CHANGED -> GatewayHealth.HOST_KEY_CHANGED;
                case READY -> throw new IllegalStateException("unreachable");
            };
            due = target == GatewayHealth.HOST_KEY_CHANGED || consecutiveFailures >= damping.failuresBeforeDown();
        }
        if (target == health || !due) {
            return Optional.empty();
        }
        HealthTransition transition = new HealthTransition(health, target, reason(probe));
        health = target;
        healthSince = probe.at();
        return Optional.of(transition);
    }

    private String reason(ProbeResult probe) {
        String count = probe.outcome() == ProbeOutcome.READY ? consecutiveSuccesses + " good probe(s) in a row"
                : consecutiveFailures + " failed probe(s) in a row";
        return probe.detail() == null || probe.detail().isBlank() ? count : count + ": " + probe.detail();
    }

    /** gateway.installed again for a gateway already watched: it may listen on another port, run another version. */
    public void reinstalled(int port, String openclawVersion) {
        this.port = port;
        this.openclawVersion = openclawVersion;
    }

    /** agent.upgraded: the gateway runs another OpenClaw version. */
    public void upgraded(String openclawVersion) {
        this.openclawVersion = openclawVersion;
    }

    /** Memory measured by the slower status probe, kept for placement and the leak rule. */
    public void memoryMeasured(long bytes, Instant at) {
        rssBytes = bytes;
        rssMeasuredAt = at;
        updatedAt = at;
    }

    /** The agent is suspended (kill switch) or resumed: only a resumed gateway is probed again, from a clean slate. */
    public void probing(boolean on, Instant at) {
        if (probing == on) {
            return;
        }
        probing = on;
        consecutiveFailures = 0;
        consecutiveSuccesses = 0;
        if (!on) {
            health = GatewayHealth.UNKNOWN;
            healthSince = at;
        }
        updatedAt = at;
    }

    /** Whether this gateway is down (any failure state) since at least {@code since}. */
    public boolean downSince(Instant cutoff) {
        return probing && health != GatewayHealth.UP && health != GatewayHealth.UNKNOWN
                && !healthSince.isAfter(cutoff);
    }
}
