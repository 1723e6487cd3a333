package io.lobsterops.provisioning.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.AgentResumed;
import io.lobsterops.events.AgentSuspended;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.Stage;
import io.lobsterops.events.StageTransitions;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;
import io.lobsterops.kit.messaging.Outbox;
import io.lobsterops.provisioning.domain.Gateway;
import io.lobsterops.provisioning.domain.GatewayBackup;
import io.lobsterops.provisioning.domain.GatewayState;
import io.lobsterops.provisioning.domain.StageChange;
import io.lobsterops.provisioning.persistence.EngagementRepository;
import io.lobsterops.provisioning.persistence.GatewayBackupRepository;
import io.lobsterops.provisioning.persistence.GatewayRepository;
import io.lobsterops.provisioning.persistence.HostRepository;
import io.lobsterops.provisioning.persistence.StageChangeRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The kill switch's and backups' units of work; each commits with its event. */
@ApplicationScoped
public class GatewayService {

    public static final ProblemType GATEWAY_NOT_RUNNING = ProblemType.of("gateway-not-running",
            "Gateway is not in a state for this", 409);

    private final GatewayRepository gateways;
    private final HostRepository hosts;
    private final EngagementRepository engagements;
    private final StageChangeRepository changes;
    private final GatewayBackupRepository backups;
    private final HostService hostService;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public GatewayService(GatewayRepository gateways, HostRepository hosts, EngagementRepository engagements,
            StageChangeRepository changes, GatewayBackupRepository backups, HostService hostService, Outbox outbox) {
        this.gateways = gateways;
        this.hosts = hosts;
        this.engagements = engagements;
        this.changes = changes;
        this.backups = backups;
        this.hostService = hostService;
        this.outbox = outbox;
    }

    /** A gateway and the SSH details of its host (refused when the host key changed). */
    public record Placed(Gateway gateway, io.lobsterops.provisioning.ssh.SshTarget target,
            io.lobsterops.provisioning.domain.Host host) {
    }

    @WithSession
    public Uni<Placed> placed(UUID gatewayId) {
        return gateways.findById(gatewayId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Gateway", gatewayId))
                .chain(gateway -> hosts.findById(gateway.hostId)
                        .map(host -> new Placed(gateway, hostService.target(host), host)));
    }

    /** The gateway was stopped: record who and why, suspend the engagement, publish agent.suspended. */
    @WithTransaction
    public Uni<Gateway> suspended(UUID gatewayId, String reason, String by) {
        Instant now = now();
        return gateways.findById(gatewayId).chain(gateway -> {
            gateway.state = GatewayState.SUSPENDED;
            gateway.suspendedBy = by;
            gateway.suspendedReason = reason;
            gateway.suspendedAt = now;
            gateway.updatedAt = now;
            return moveEngagement(gateway, Stage.SUSPENDED, "kill switch: " + reason, by, now)
                    .chain(() -> outbox.append(new AgentSuspended(gateway.engagementId, gateway.clientId, gateway.id,
                            reason, by, now)))
                    .replaceWith(gateway);
        });
    }

    @WithTransaction
    public Uni<Gateway> resumed(UUID gatewayId, String by) {
        Instant now = now();
        return gateways.findById(gatewayId).chain(gateway -> {
            gateway.state = GatewayState.RUNNING;
            gateway.updatedAt = now;
            return engagements.findById(gateway.engagementId).chain(engagement -> {
                Stage back = engagement.stage == Stage.SUSPENDED ? engagement.suspendedFrom : null;
                Uni<Void> move = back == null ? Uni.createFrom().voidItem()
                        : moveEngagement(gateway, back, "gateway resumed", by, now);
                return move.chain(() -> outbox.append(new AgentResumed(gateway.engagementId, gateway.clientId,
                        gateway.id, by, now))).replaceWith(gateway);
            });
        });
    }

    private Uni<Void> moveEngagement(Gateway gateway, Stage to, String reason, String by, Instant now) {
        return engagements.findById(gateway.engagementId).chain(engagement -> {
            if (engagement.stage == to || !StageTransitions.allowed(engagement.stage, to, engagement.suspendedFrom)) {
                return Uni.createFrom().voidItem();
            }
            StageChange change = engagement.moveTo(to, reason, by, now);
            return changes.persist(change).chain(() -> outbox.append(new EngagementStageChanged(engagement.id,
                    engagement.client.id, change.from, change.to, reason, by, now))).replaceWithVoid();
        });
    }

    @WithTransaction
    public Uni<GatewayBackup> backedUp(UUID gatewayId, String archivePath, boolean verified, Long size, String by) {
        GatewayBackup backup = new GatewayBackup();
        backup.id = UUID.randomUUID();
        backup.gatewayId = gatewayId;
        backup.archivePath = archivePath;
        backup.verified = verified;
        backup.sizeBytes = size;
        backup.createdBy = by;
        backup.createdAt = now();
        return backups.persist(backup);
    }

    @WithSession
    public Uni<List<GatewayBackup>> backups(UUID gatewayId) {
        return backups.ofGateway(gatewayId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
