package io.lobsterops.provisioning.fleet.gateway;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.AgentResumed;
import io.lobsterops.events.AgentSuspended;
import io.lobsterops.events.IncidentOpened;
import io.lobsterops.events.Priority;
import io.lobsterops.events.Stage;
import io.lobsterops.events.StageTransitions;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;
import io.lobsterops.kit.messaging.Outbox;
import io.lobsterops.provisioning.engagement.service.EngagementService;
import io.lobsterops.provisioning.fleet.domain.Gateway;
import io.lobsterops.provisioning.fleet.domain.GatewayBackup;
import io.lobsterops.provisioning.fleet.domain.GatewayState;
import io.lobsterops.provisioning.fleet.host.HostService;
import io.lobsterops.provisioning.fleet.openclaw.Redactor;
import io.lobsterops.provisioning.fleet.persistence.GatewayBackupRepository;
import io.lobsterops.provisioning.fleet.persistence.GatewayRepository;
import io.lobsterops.provisioning.fleet.persistence.HostRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The kill switch's and backups' units of work; each commits with its event. */
@ApplicationScoped
public class GatewayService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(GatewayService.class);

    private final GatewayRepository gateways;
    private final HostRepository hosts;
    private final EngagementService engagements;
    private final GatewayBackupRepository backups;
    private final HostService hostService;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public GatewayService(GatewayRepository gateways, HostRepository hosts, EngagementService engagements,
            GatewayBackupRepository backups, HostService hostService, Outbox outbox) {
        this.gateways = gateways;
        this.hosts = hosts;
        this.engagements = engagements;
        this.backups = backups;
        this.hostService = hostService;
        this.outbox = outbox;
    }

    /**
     * A gateway and the SSH details of its host (refused when the host key changed or the platform's access was
     * revoked). A TERMINATED gateway has none: nothing may run for it on the host, and its callers refuse it first.
     */
    public record Placed(Gateway gateway, io.lobsterops.provisioning.fleet.ssh.SshTarget target,
            io.lobsterops.provisioning.fleet.domain.Host host) {
    }

    /** One gateway; a client sees only its own, and another's is 404. */
    @WithSession
    public Uni<Gateway> find(UUID id, Optional<String> clientScope) {
        return gateways.requireVisible(id, clientScope, "Gateway");
    }

    /** The engagement's gateway; a client sees only its own engagement's, and 404 when there is none yet. */
    @WithSession
    public Uni<Gateway> findOfEngagement(UUID engagementId, Optional<String> clientScope) {
        return gateways.findVisibleOfEngagement(engagementId, clientScope)
                .onItem().ifNull().failWith(() -> new ProblemException(ProblemType.NOT_FOUND,
                        "Engagement " + engagementId + " has no gateway (or is not yours)."));
    }

    @WithSession
    public Uni<Placed> placed(UUID gatewayId) {
        return gateways.findById(gatewayId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Gateway", gatewayId))
                .chain(gateway -> hosts.findById(gateway.hostId).map(host -> new Placed(gateway,
                        gateway.state == GatewayState.TERMINATED ? null : hostService.target(host), host)));
    }

    /**
     * The kill switch is pulled: who and why are recorded before the host is touched, and the gateway is SUSPENDING
     * until the stop is confirmed. Pulling it again on a gateway already suspended or suspending changes nothing.
     */
    @WithTransaction
    public Uni<Gateway> killRequested(UUID gatewayId, String reason, String by) {
        Instant now = now();
        return gateways.findById(gatewayId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Gateway", gatewayId))
                .invoke(gateway -> gateway.requestKill(reason, by, now));
    }

    /**
     * A rule (e.g. the token budget spent, where the contract says so) asks for the agent to be paused: the kill is
     * recorded like a person's, with the rule as who and why, and enforced by {@code enforcePendingKills} after the
     * commit; no host is touched inside the event's transaction. An engagement without a running gateway has nothing
     * to pause.
     */
    public Uni<Void> pauseRequested(io.lobsterops.events.AgentPauseRequested pause) {
        return gateways.findByEngagement(pause.engagementId()).invoke(gateway -> {
            if (gateway == null || gateway.state != GatewayState.RUNNING) {
                LOG.infof("pause of engagement %s requested by %s: no running gateway, nothing to pause",
                        pause.engagementId(), pause.requestedBy());
                return;
            }
            gateway.requestKill(pause.rule() + ": " + pause.reason(), pause.requestedBy(), now());
        }).replaceWithVoid();
    }

    /**
     * The host confirmed the stop of a SUSPENDING gateway: suspend it and its engagement, publish agent.suspended
     * with who pulled the switch and why. A gateway no longer SUSPENDING (resumed meanwhile, or already recorded by
     * another attempt) is left as it is.
     */
    @WithTransaction
    public Uni<Gateway> killed(UUID gatewayId) {
        Instant now = now();
        return gateways.findById(gatewayId).chain(gateway -> {
            if (!gateway.killConfirmed(now)) {
                return Uni.createFrom().item(gateway);
            }
            String reason = gateway.suspendedReason;
            String by = gateway.suspendedBy;
            return moveEngagement(gateway, Stage.SUSPENDED, "kill switch: " + reason, by, now)
                    .chain(() -> outbox.append(new AgentSuspended(gateway.engagementId, gateway.clientId, gateway.id,
                            reason, by, now)))
                    .replaceWith(gateway);
        });
    }

    /**
     * An attempt to enforce a pending kill failed (host unreachable, stop command failed): count it, keep why, and on
     * the first failure open a P0 incident, since an agent someone decided to stop may still be answering.
     */
    @WithTransaction
    public Uni<Gateway> killNotEnforced(UUID gatewayId, String error) {
        Instant now = now();
        return gateways.findById(gatewayId).chain(gateway -> {
            if (!gateway.killFailed(Redactor.of().redact(error), now)) {
                return Uni.createFrom().item(gateway);
            }
            return outbox.append(new IncidentOpened(gateway.engagementId, gateway.clientId, "kill-switch-pending",
                    Priority.P0, "Kill switch on gateway " + gateway.profile + " not enforced yet: it may still run",
                    "Pulled by " + gateway.suspendedBy + " (" + gateway.suspendedReason + "); stopping it failed: "
                            + gateway.killLastError + ". Retried until the host answers.",
                    now)).replaceWith(gateway);
        });
    }

    /** Gateways whose kill could not be enforced yet, oldest request first. */
    @WithSession
    public Uni<List<UUID>> pendingKills() {
        return gateways.pendingKills().map(list -> list.stream().map(g -> g.id).toList());
    }

    @WithTransaction
    public Uni<Gateway> resumed(UUID gatewayId, String by) {
        Instant now = now();
        return gateways.findById(gatewayId).chain(gateway -> {
            gateway.resumed(now);
            return engagements.get(gateway.engagementId).chain(engagement -> {
                Stage back = engagement.stage == Stage.SUSPENDED ? engagement.suspendedFrom : null;
                Uni<Void> move = back == null ? Uni.createFrom().voidItem()
                        : moveEngagement(gateway, back, "gateway resumed", by, now);
                return move.chain(() -> outbox.append(new AgentResumed(gateway.engagementId, gateway.clientId,
                        gateway.id, by, now))).replaceWith(gateway);
            });
        });
    }

    private Uni<Void> moveEngagement(Gateway gateway, Stage to, String reason, String by, Instant now) {
        return engagements.get(gateway.engagementId).chain(engagement -> {
            if (engagement.stage == to || !StageTransitions.allowed(engagement.stage, to, engagement.suspendedFrom)) {
                return Uni.createFrom().voidItem();
            }
            return engagements.record(engagement, to, reason, by, now);
        });
    }

    /** The engagement's gateway, or null when it has none, read in the caller's session: the engagement's way to it. */
    public Uni<Gateway> ofEngagement(UUID engagementId) {
        return gateways.findByEngagement(engagementId);
    }

    @WithTransaction
    public Uni<GatewayBackup> backedUp(UUID gatewayId, String archivePath, boolean verified, Long size, String by) {
        return backups.persist(GatewayBackup.made(gatewayId, archivePath, verified, size, by, now()));
    }

    @WithSession
    public Uni<List<GatewayBackup>> backups(UUID gatewayId) {
        return backups.ofGateway(gatewayId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
