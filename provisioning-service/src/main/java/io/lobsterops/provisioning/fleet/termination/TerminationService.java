package io.lobsterops.provisioning.fleet.termination;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.events.AgentTerminated;
import io.lobsterops.events.Stage;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;
import io.lobsterops.kit.messaging.Outbox;
import io.lobsterops.kit.probe.MonitoringAccess;
import io.lobsterops.provisioning.api.ProvisioningProblems;
import io.lobsterops.provisioning.config.ProvisioningConfig;
import io.lobsterops.provisioning.engagement.service.EngagementService;
import io.lobsterops.provisioning.fleet.domain.Gateway;
import io.lobsterops.provisioning.fleet.domain.GatewayState;
import io.lobsterops.provisioning.fleet.domain.HostStatus;
import io.lobsterops.provisioning.fleet.domain.Lease;
import io.lobsterops.provisioning.fleet.host.HostService;
import io.lobsterops.provisioning.fleet.job.StepOutcome;
import io.lobsterops.provisioning.fleet.openclaw.Redactor;
import io.lobsterops.provisioning.fleet.persistence.DeploymentRepository;
import io.lobsterops.provisioning.fleet.persistence.GatewayRepository;
import io.lobsterops.provisioning.fleet.persistence.HostRepository;
import io.lobsterops.provisioning.fleet.secrets.SecretBox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** The units of work of terminations: each step begun and recorded in its own transaction, with its effects. */
@ApplicationScoped
public class TerminationService {

    private static final Logger LOG = Logger.getLogger(TerminationService.class);

    static final int MAX_INTERRUPTIONS = 60;

    private final TerminationRepository terminations;
    private final EngagementService engagements;
    private final GatewayRepository gateways;
    private final HostRepository hosts;
    private final HostService hostService;
    private final DeploymentRepository deployments;
    private final SecretBox secrets;
    private final Outbox outbox;
    private final TerminationConfig config;
    private final ProvisioningConfig provisioning;
    private final ArchiveStore store;
    private final Clock clock = Clock.systemUTC();

    public TerminationService(TerminationRepository terminations, EngagementService engagements,
            GatewayRepository gateways, HostRepository hosts, HostService hostService,
            DeploymentRepository deployments, SecretBox secrets, Outbox outbox, TerminationConfig config,
            ProvisioningConfig provisioning, ArchiveStore store) {
        this.terminations = terminations;
        this.engagements = engagements;
        this.gateways = gateways;
        this.hosts = hosts;
        this.hostService = hostService;
        this.deployments = deployments;
        this.secrets = secrets;
        this.outbox = outbox;
        this.config = config;
        this.provisioning = provisioning;
        this.store = store;
    }

    /** Records the termination of the engagement's agent; the caller launches it after the commit. */
    @WithTransaction
    public Uni<Termination> request(UUID engagementId, String reason, String by) {
        Instant now = now();
        return engagements.get(engagementId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Engagement", engagementId))
                .chain(engagement -> terminations.findByEngagement(engagementId).chain(existing -> {
                    if (existing != null) {
                        throw new ProblemException(ProvisioningProblems.TERMINATION_EXISTS,
                                "Engagement " + engagementId + " has"
                                + " termination " + existing.id + " (" + existing.status + ", requested by "
                                + existing.requestedBy + "); an agent is terminated once.");
                    }
                    return gateways.findByEngagement(engagementId);
                }).chain(gateway -> deployments.find("engagementId", Sort.descending("createdAt"), engagementId)
                        .firstResult().chain(latest -> {
                            return terminations.persist(Termination.requested(engagementId, engagement.client.id,
                                    gateway == null ? null : gateway.id, reason, by,
                                    latest == null ? null : latest.repository, now));
                        })));
    }

    @WithSession
    public Uni<Termination> find(UUID id, Optional<String> clientScope) {
        return terminations.findById(id).map(t -> t == null || clientScope.isPresent()
                && !clientScope.get().equals(t.clientId) ? null : t)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Termination", id));
    }

    @WithSession
    public Uni<Termination> ofEngagement(UUID engagementId, Optional<String> clientScope) {
        return terminations.findByEngagement(engagementId).map(t -> t == null || clientScope.isPresent()
                && !clientScope.get().equals(t.clientId) ? null : t)
                .onItem().ifNull().failWith(() -> new ProblemException(ProblemType.NOT_FOUND, "Engagement "
                        + engagementId + " has no termination (or is not yours)."));
    }

    /** The host the terminated gateway was on, as the certificate names it (null without a gateway). */
    @WithSession
    public Uni<String> hostLabel(Termination t) {
        if (t.gatewayId == null) {
            return Uni.createFrom().nullItem();
        }
        return gateways.findById(t.gatewayId).chain(g -> hosts.findById(g.hostId))
                .map(h -> h == null ? null : h.name + " (" + h.loginUser + "@" + h.address + ")");
    }

    /** Starts the next step: marks it RUNNING, answers what it needs, or null when nothing is left to do here. */
    @WithTransaction
    public Uni<TerminationWork> begin(UUID id, String owner) {
        Instant now = now();
        return terminations.findById(id).chain(t -> {
            if (t == null || !t.claimable(owner, now)) {
                return Uni.createFrom().nullItem();
            }
            List<StepLog.Entry> steps = StepLog.read(t.steps);
            Optional<StepLog.Entry> next = StepLog.next(steps);
            if (next.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            t.begin(owner, now.plus(Lease.DURATION), steps, next.get(), now);
            TerminationStep step = TerminationStep.of(next.get().name);
            if (t.gatewayId == null) {
                return Uni.createFrom().item(new TerminationWork(t.id, step, false, false, null, null, null, null,
                        List.of(), t.repository, List.of(), null, null));
            }
            return gateways.findById(t.gatewayId).chain(g -> hosts.findById(g.hostId).chain(host -> gateways
                    .onHost(host.id).map(onHost -> {
                        List<Integer> others = onHost.stream().filter(o -> !o.id.equals(g.id)
                                && o.state != GatewayState.TERMINATED).map(o -> o.port).sorted().toList();
                        String monitoringLine = provisioning.monitoring().publicKey().filter(k -> !k.isBlank())
                                .map(key -> MonitoringAccess.authorizedKeysLine(key, host.installDir, others))
                                .orElse(null);
                        boolean changed = host.status == HostStatus.HOST_KEY_CHANGED;
                        return new TerminationWork(t.id, step, true, changed,
                                changed || !step.onHost() ? null : hostService.target(host),
                                host.name + " (" + host.loginUser + "@" + host.address + ")", g.profile,
                                g.openclawVersion, secretsOf(g), t.repository, others, monitoringLine, host.publicKey);
                    })));
        });
    }

    /** The gateway's secrets, opened for the export's redaction and the host scan; none once deleted. */
    private List<String> secretsOf(Gateway g) {
        List<String> list = new ArrayList<>();
        if (g.tokenSealed != null && !g.tokenSealed.isEmpty()) {
            list.add(secrets.open(g.context("token"), g.tokenSealed));
        }
        if (g.modelApiKeySealed != null && !g.modelApiKeySealed.isEmpty()) {
            list.add(secrets.open(g.context("model-api-key"), g.modelApiKeySealed));
        }
        if (g.telegramTokenSealed != null && !g.telegramTokenSealed.isEmpty()) {
            list.add(secrets.open(g.context("telegram-bot-token"), g.telegramTokenSealed));
        }
        return list;
    }

    /** Records a step's outcome with its effects; answers the termination as it now stands. */
    @WithTransaction
    public Uni<Termination> record(UUID id, TerminationStep step, TerminationOutcome outcome) {
        Instant now = now();
        return terminations.findById(id).chain(t -> {
            List<StepLog.Entry> steps = StepLog.read(t.steps);
            StepLog.Entry entry = StepLog.named(steps, step.slug());
            String output = Redactor.of().redact(outcome.output());
            Uni<Void> effects = Uni.createFrom().voidItem();
            switch (outcome.kind()) {
                case DONE, SKIPPED -> {
                    StepLog.end(entry, outcome.kind() == StepOutcome.Kind.DONE ? "DONE" : "SKIPPED", output, now);
                    t.stepEnded(outcome, StepLog.next(steps).isEmpty(), config.retention(), now);
                    effects = effects(t, step, outcome, now);
                }
                case INTERRUPTED -> {
                    StepLog.end(entry, "PENDING", output, now);
                    if (!t.interrupted(step.slug(), outcome.reason(), MAX_INTERRUPTIONS, now)) {
                        StepLog.givenUp(entry);
                    }
                }
                case FAILED, HOST_KEY_CHANGED -> {
                    StepLog.end(entry, "FAILED", output, now);
                    t.fail(step.slug(), outcome.reason(), now);
                }
            }
            if (Termination.FAILED.equals(t.status)) {
                LOG.warnf("termination %s failed at %s: %s", t.id, step.slug(), t.failureReason);
            }
            t.steps(steps);
            return effects.replaceWith(t);
        });
    }

    /** What a finished step changes in the platform's own records. */
    private Uni<Void> effects(Termination t, TerminationStep step, TerminationOutcome outcome, Instant now) {
        return switch (step) {
            case STOP_GATEWAY -> t.gatewayId == null ? Uni.createFrom().voidItem()
                    : gateways.findById(t.gatewayId).invoke(g -> g.terminated(now)).replaceWithVoid();
            case REVOKE_ACCESS -> t.gatewayId == null || outcome.deleted().stream()
                    .noneMatch(d -> TerminationRunner.PLATFORM_KEYS_REMOVED.equals(d.what()))
                    ? Uni.createFrom().voidItem()
                    : gateways.findById(t.gatewayId).chain(g -> hosts.findById(g.hostId))
                            .invoke(host -> host.accessRevoked()).replaceWithVoid();
            case DELETE_PLATFORM_SECRETS -> t.gatewayId == null ? Uni.createFrom().voidItem()
                    : gateways.findById(t.gatewayId).invoke(g -> {
                        String where = "provisioning database, gateway " + g.id;
                        List<Deleted> deleted = new ArrayList<>(List.of(new Deleted("sealed gateway token", where,
                                now.toString()), new Deleted("sealed model API key", where, now.toString())));
                        if (g.telegramTokenSealed != null) {
                            deleted.add(new Deleted("sealed Telegram bot token", where, now.toString()));
                        }
                        t.deleted(deleted);
                        g.secretsDeleted(now);
                    }).replaceWithVoid();
            case PUBLISH -> outbox.append(new AgentTerminated(t.engagementId, t.clientId, t.id, t.gatewayId, t.reason,
                    t.archiveManifestSha256, t.requestedBy, now)).chain(() -> terminated(t, now));
            default -> Uni.createFrom().voidItem();
        };
    }

    /**
     * The engagement ends with its agent.terminated, in the same transaction (like placing a gateway after the deposit,
     * a command's own fact: ADR 0040); an engagement already TERMINATED by hand stays as it is.
     */
    private Uni<Void> terminated(Termination t, Instant now) {
        return engagements.get(t.engagementId).chain(engagement -> {
            if (engagement.stage == Stage.TERMINATED) {
                return Uni.createFrom().voidItem();
            }
            String why = "agent.terminated: " + t.reason;
            return engagements.record(engagement, Stage.TERMINATED, why, t.requestedBy, now);
        });
    }

    /** A failed termination goes again from its failed step. */
    @WithTransaction
    public Uni<Termination> resume(UUID id) {
        return terminations.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Termination", id))
                .invoke(Termination::resume);
    }

    @WithSession
    public Uni<List<UUID>> resumable() {
        return terminations.resumable(now()).map(list -> list.stream().map(t -> t.id).toList());
    }

    @WithTransaction
    public Uni<Integer> renewLeases(List<UUID> ids, String owner) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return terminations.update("leaseUntil = ?1 where id in ?2 and leaseOwner = ?3",
                now().plus(Lease.DURATION), ids, owner);
    }

    /** Archives past their retention: deleted from the store, recorded on the certificate. Answers how many. */
    @WithTransaction
    public Uni<Integer> deleteExpiredArchives() {
        Instant now = now();
        return terminations.archivesPastRetention(now).map(list -> {
            for (Termination t : list) {
                store.delete(Path.of(t.archivePath));
                t.archiveExpired(now);
                LOG.infof("termination %s: archive %s deleted after its retention", t.id, t.archivePath);
            }
            return list.size();
        });
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
