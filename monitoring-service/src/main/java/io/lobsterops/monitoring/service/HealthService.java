package io.lobsterops.monitoring.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.events.GatewayHealth;
import io.lobsterops.events.GatewayHealthChanged;
import io.lobsterops.kit.messaging.Outbox;
import io.lobsterops.monitoring.config.MonitoringConfig;
import io.lobsterops.monitoring.domain.Damping;
import io.lobsterops.monitoring.domain.EscalationRule;
import io.lobsterops.monitoring.domain.Finding;
import io.lobsterops.monitoring.domain.HealthChange;
import io.lobsterops.monitoring.domain.MonitoredGateway;
import io.lobsterops.monitoring.domain.ProbeResult;
import io.lobsterops.monitoring.persistence.HealthChangeRepository;
import io.lobsterops.monitoring.persistence.MonitoredGatewayRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Turns probe results into damped health: a change is recorded and published (gateway.health-changed) only when the
 * damping says so. The gateway rules are evaluated here too: down longer than the threshold (P1), a changed host
 * key (P0, at once), memory above the limit or growing too fast (P2, restart recommended).
 */
@ApplicationScoped
public class HealthService {

    private static final Logger LOG = Logger.getLogger(HealthService.class);

    private final MonitoredGatewayRepository gateways;
    private final HealthChangeRepository changes;
    private final EscalationService escalations;
    private final Outbox outbox;
    private final MonitoringConfig config;
    private final Damping damping;

    public HealthService(MonitoredGatewayRepository gateways, HealthChangeRepository changes,
            EscalationService escalations, Outbox outbox, MonitoringConfig config) {
        this.gateways = gateways;
        this.changes = changes;
        this.escalations = escalations;
        this.outbox = outbox;
        this.config = config;
        this.damping = new Damping(config.probes().failuresBeforeDown(), config.probes().successesBeforeUp());
    }

    /** One sweep's results, in one transaction. A result for a gateway no longer probed is dropped. */
    @WithTransaction
    public Uni<Void> record(List<ProbeResult> results) {
        return Multi.createFrom().iterable(results)
                .onItem().transformToUniAndConcatenate(this::apply)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> apply(ProbeResult result) {
        return gateways.findById(result.gatewayId()).chain(gateway -> {
            if (gateway == null || !gateway.probing) {
                return Uni.createFrom().voidItem();
            }
            Optional<io.lobsterops.monitoring.domain.HealthTransition> transition = gateway.observe(result, damping);
            if (transition.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            LOG.infof("gateway %s (%s) %s → %s: %s", gateway.gatewayId, gateway.profile, transition.get().from(),
                    transition.get().to(), transition.get().reason());
            return changes.persist(new HealthChange(gateway, transition.get(), result.at()))
                    .chain(() -> outbox.append(new GatewayHealthChanged(gateway.engagementId, gateway.clientId,
                            gateway.gatewayId, transition.get().from(), transition.get().to(),
                            transition.get().reason(), result.at())))
                    .call(() -> transition.get().to() == GatewayHealth.HOST_KEY_CHANGED
                            ? escalations.fire(hostKeyChanged(gateway)) : Uni.createFrom().nullItem())
                    .replaceWithVoid();
        });
    }

    /** The status probe measured the gateway's memory: kept, and the leak rule looks at it. */
    @WithTransaction
    public Uni<Void> memory(java.util.UUID gatewayId, long rssBytes, Instant at) {
        return memoryInTransaction(gatewayId, rssBytes, at);
    }

    /** {@link #memory}, inside the caller's transaction. */
    public Uni<Void> memoryInTransaction(java.util.UUID gatewayId, long rssBytes, Instant at) {
        return gateways.findById(gatewayId).chain(gateway -> {
            if (gateway == null) {
                return Uni.createFrom().voidItem();
            }
            Long previous = gateway.rssBytes;
            Instant previousAt = gateway.rssMeasuredAt;
            gateway.memoryMeasured(rssBytes, at);
            Optional<Finding> leak = memoryFinding(gateway, previous, previousAt);
            return leak.isEmpty() ? Uni.createFrom().voidItem() : escalations.fire(leak.get()).replaceWithVoid();
        });
    }

    Optional<Finding> memoryFinding(MonitoredGateway gateway, Long previous, Instant previousAt) {
        long limit = config.escalations().memoryHighBytes();
        long mib = gateway.rssBytes / (1024 * 1024);
        if (gateway.rssBytes > limit) {
            return Optional.of(memory(gateway, "Gateway " + gateway.profile + " uses " + mib + " MiB (limit "
                    + limit / (1024 * 1024) + " MiB)"));
        }
        if (previous != null && previousAt != null && gateway.rssMeasuredAt.isAfter(previousAt)) {
            double hours = Duration.between(previousAt, gateway.rssMeasuredAt).toMillis() / 3_600_000.0;
            double perHour = (gateway.rssBytes - previous) / hours;
            if (hours > 0 && perHour > config.escalations().memoryGrowthBytesPerHour()) {
                return Optional.of(memory(gateway, "Gateway " + gateway.profile + " grows " + Math.round(perHour
                        / (1024 * 1024)) + " MiB/h (now " + mib + " MiB)"));
            }
        }
        return Optional.empty();
    }

    private static Finding memory(MonitoredGateway gateway, String summary) {
        return Finding.of(gateway.engagementId, gateway.clientId, EscalationRule.MEMORY_HIGH, summary,
                "OpenClaw gateways are known to leak memory over days (reported upstream: 350 MB growing to 15 GB).",
                "nothing automatic: a restart interrupts the agent's running work",
                List.of("restart the gateway in a quiet hour (openclaw gateway restart --safe)",
                        "watch one more day if it is still far from the host's memory"),
                "restart the gateway with --safe at the next quiet hour");
    }

    private static Finding hostKeyChanged(MonitoredGateway gateway) {
        return Finding.of(gateway.engagementId, gateway.clientId, EscalationRule.HOST_KEY_CHANGED,
                "Host of gateway " + gateway.profile + " presented another SSH host key",
                "The host's key differs from the one pinned when it was registered; monitoring refuses to connect.",
                "no connection was made with the new key",
                List.of("confirm with the hosting provider whether the host was rebuilt",
                        "if it was, register the host again with its new key",
                        "if not, treat the host as compromised: kill switch, rotate the agent's secrets"),
                "treat it as a security incident until the rebuild is confirmed");
    }

    /** The rules over gateways: a gateway down longer than the threshold fires (and refreshes) its escalation. */
    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            every = "${lobsterops.monitoring.escalations.evaluate-every:15s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    Uni<Void> evaluateGateways() {
        Instant cutoff = EscalationService.now().minus(config.escalations().gatewayDownAfter());
        return gateways.probed().chain(all -> Multi.createFrom().iterable(all)
                .select().where(gateway -> gateway.downSince(cutoff))
                .onItem().transformToUniAndConcatenate(gateway -> escalations.fire(
                        gateway.health == GatewayHealth.HOST_KEY_CHANGED ? hostKeyChanged(gateway) : down(gateway)))
                .collect().last()).replaceWithVoid();
    }

    private static Finding down(MonitoredGateway gateway) {
        boolean hostDown = gateway.health == GatewayHealth.HOST_UNREACHABLE;
        return Finding.of(gateway.engagementId, gateway.clientId, EscalationRule.GATEWAY_DOWN,
                (hostDown ? "Host of gateway " + gateway.profile + " unreachable" : "Gateway " + gateway.profile
                        + " down") + " since " + gateway.healthSince,
                (hostDown ? "SSH to the host fails" : "The host answers SSH but the gateway does not answer ready")
                        + "; last probe: " + gateway.lastDetail + " at " + gateway.lastCheckedAt + ".",
                "probed every sweep since " + gateway.healthSince + " (" + gateway.consecutiveFailures
                        + " failures in a row)",
                hostDown ? List.of("check the host at the provider (console, power, network)",
                        "pull the kill switch if the agent may be misbehaving",
                        "tell the client if it lasts")
                        : List.of("restart the gateway (provisioning: resume, or openclaw gateway restart)",
                                "read the gateway log on the host", "tell the client if it lasts"),
                hostDown ? "check the host at the provider" : "restart the gateway and read its log");
    }
}
