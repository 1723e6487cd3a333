package io.lobsterops.monitoring.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.kit.blocking.Blocking;
import io.lobsterops.monitoring.config.MonitoringConfig;
import io.lobsterops.monitoring.domain.MonitoredGateway;
import io.lobsterops.monitoring.domain.MonitoredHost;
import io.lobsterops.monitoring.domain.ProbeOutcome;
import io.lobsterops.monitoring.domain.ProbeResult;
import io.lobsterops.monitoring.persistence.MonitoredGatewayRepository;
import io.lobsterops.monitoring.persistence.MonitoredHostRepository;
import io.lobsterops.monitoring.ssh.GatewaySweep;
import io.lobsterops.monitoring.ssh.HostTarget;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The health sweep: every probed gateway, grouped by host, asked for {@code /readyz} through monitoring's own SSH
 * connection to its host; the results go through flap damping ({@link HealthService#record}). A gateway whose host
 * is not known yet, or whose host key is not pinned yet, is not probed. One sweep at a time.
 */
@ApplicationScoped
public class ProbeService {

    private static final Logger LOG = Logger.getLogger(ProbeService.class);

    private final MonitoredGatewayRepository gateways;
    private final MonitoredHostRepository hosts;
    private final GatewaySweep sweep;
    private final HealthService health;
    private final Blocking blocking;
    private final MonitoringConfig config;
    private final AtomicBoolean running = new AtomicBoolean();

    public ProbeService(MonitoredGatewayRepository gateways, MonitoredHostRepository hosts, GatewaySweep sweep,
            HealthService health, Blocking blocking, MonitoringConfig config) {
        this.gateways = gateways;
        this.hosts = hosts;
        this.sweep = sweep;
        this.health = health;
        this.blocking = blocking;
        this.config = config;
    }

    /** What one sweep did: how many gateways on how many hosts, how long, and the outcomes. */
    public record SweepReport(int hosts, int gateways, long millis, Map<ProbeOutcome, Long> outcomes,
            List<UUID> notReachable) {
    }

    @Scheduled(every = "${lobsterops.monitoring.probes.ready-every:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = ProbesDisabled.class)
    Uni<Void> scheduled() {
        return sweepNow().onFailure().invoke(e -> LOG.warnf(e, "health sweep failed")).onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Runs a sweep now (the schedule's, or a person's); a sweep already running answers null. */
    public Uni<SweepReport> sweepNow() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().nullItem();
        }
        return targets().chain(targets -> {
            long start = System.nanoTime();
            return blocking.run(() -> sweep.sweep(targets.hosts()))
                    .chain(results -> health.record(results).replaceWith(report(targets, results, start)));
        }).eventually(() -> running.set(false));
    }

    record Targets(List<HostTarget> hosts, List<UUID> notReachable) {
    }

    @WithSession
    Uni<Targets> targets() {
        return gateways.probed().chain(probed -> hosts.listAll().map(known -> {
            Map<UUID, MonitoredHost> byId = new LinkedHashMap<>();
            known.forEach(host -> byId.put(host.hostId, host));
            Map<UUID, List<HostTarget.GatewayTarget>> perHost = new LinkedHashMap<>();
            List<UUID> notReachable = new ArrayList<>();
            for (MonitoredGateway gateway : probed) {
                MonitoredHost host = byId.get(gateway.hostId);
                if (host == null || !host.probeable()) {
                    notReachable.add(gateway.gatewayId);
                    continue;
                }
                perHost.computeIfAbsent(host.hostId, id -> new ArrayList<>())
                        .add(new HostTarget.GatewayTarget(gateway.gatewayId, gateway.profile, gateway.port));
            }
            List<HostTarget> targets = perHost.entrySet().stream().map(e -> {
                MonitoredHost host = byId.get(e.getKey());
                return new HostTarget(host.hostId, host.address, host.sshPort, host.loginUser,
                        host.hostKeyFingerprint, e.getValue());
            }).toList();
            return new Targets(targets, notReachable);
        }));
    }

    private static SweepReport report(Targets targets, List<ProbeResult> results, long start) {
        Map<ProbeOutcome, Long> outcomes = new LinkedHashMap<>();
        results.forEach(r -> outcomes.merge(r.outcome(), 1L, Long::sum));
        return new SweepReport(targets.hosts().size(), results.size(),
                Duration.ofNanos(System.nanoTime() - start).toMillis(), outcomes, targets.notReachable());
    }

    /**
     * The scheduled probe rounds are off when configured so (tests that drive sweeps themselves), and, like every
     * other sweep, while the application is not running: not yet started, or stopping (its pools closing).
     */
    @ApplicationScoped
    public static class ProbesDisabled implements Scheduled.SkipPredicate {

        private final MonitoringConfig config;
        private final Scheduled.ApplicationNotRunning notRunning;

        public ProbesDisabled(MonitoringConfig config, Scheduled.ApplicationNotRunning notRunning) {
            this.config = config;
            this.notRunning = notRunning;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.probes().enabled() || notRunning.test(execution);
        }
    }
}
