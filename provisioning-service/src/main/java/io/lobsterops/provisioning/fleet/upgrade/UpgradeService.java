package io.lobsterops.provisioning.fleet.upgrade;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.events.AgentFile;
import io.lobsterops.events.AgentUpgradeRolledBack;
import io.lobsterops.events.AgentUpgraded;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.messaging.Outbox;
import io.lobsterops.provisioning.api.ProvisioningProblems;
import io.lobsterops.provisioning.fleet.domain.Deployment;
import io.lobsterops.provisioning.fleet.domain.DeploymentStatus;
import io.lobsterops.provisioning.fleet.domain.Gateway;
import io.lobsterops.provisioning.fleet.domain.GatewayState;
import io.lobsterops.provisioning.fleet.domain.HostStatus;
import io.lobsterops.provisioning.fleet.domain.Lease;
import io.lobsterops.provisioning.fleet.host.HostService;
import io.lobsterops.provisioning.fleet.job.StepOutcome;
import io.lobsterops.provisioning.fleet.openclaw.Redactor;
import io.lobsterops.provisioning.fleet.openclaw.WorkspaceFiles;
import io.lobsterops.provisioning.fleet.persistence.DeploymentRepository;
import io.lobsterops.provisioning.fleet.persistence.GatewayRepository;
import io.lobsterops.provisioning.fleet.persistence.HostRepository;
import io.lobsterops.provisioning.fleet.secrets.SecretBox;
import io.lobsterops.provisioning.fleet.termination.StepLog;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The units of work of upgrades: requested, each step begun and recorded in its own transaction with its effects. */
@ApplicationScoped
public class UpgradeService {

    private static final Logger LOG = Logger.getLogger(UpgradeService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static final int MAX_INTERRUPTIONS = 60;

    private final UpgradeRepository upgrades;
    private final GatewayRepository gateways;
    private final HostRepository hosts;
    private final HostService hostService;
    private final DeploymentRepository deployments;
    private final SecretBox secrets;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public UpgradeService(UpgradeRepository upgrades, GatewayRepository gateways, HostRepository hosts,
            HostService hostService, DeploymentRepository deployments, SecretBox secrets, Outbox outbox) {
        this.upgrades = upgrades;
        this.gateways = gateways;
        this.hosts = hosts;
        this.hostService = hostService;
        this.deployments = deployments;
        this.secrets = secrets;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Upgrade> request(UUID gatewayId, String toVersion, String by) {
        Instant now = now();
        return gateways.findById(gatewayId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Gateway", gatewayId))
                .chain(g -> {
                    if (g.state != GatewayState.RUNNING) {
                        throw new ProblemException(ProvisioningProblems.NOT_UPGRADABLE,
                                "Gateway " + gatewayId + " is " + g.state
                                + "; only a RUNNING gateway is upgraded (a suspended one is resumed first).");
                    }
                    if (g.openclawVersion.equals(toVersion)) {
                        throw new ProblemException(ProvisioningProblems.SAME_VERSION,
                                "Gateway " + gatewayId + " already runs OpenClaw "
                                + toVersion + ".");
                    }
                    return upgrades.openOf(gatewayId).chain(open -> {
                        if (open != null) {
                            throw new ProblemException(ProvisioningProblems.UPGRADE_RUNNING,
                                    "Upgrade " + open.id + " of gateway "
                                    + gatewayId + " (" + open.fromVersion + " -> " + open.toVersion + ") is "
                                    + open.status + "; one upgrade at a time.");
                        }
                        return upgrades.persist(Upgrade.requested(g, toVersion, by, now));
                    });
                });
    }

    @WithSession
    public Uni<Upgrade> find(UUID id) {
        return upgrades.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Upgrade", id));
    }

    @WithSession
    public Uni<List<Upgrade>> ofGateway(UUID gatewayId) {
        return upgrades.ofGateway(gatewayId);
    }

    /** The next step to run: the first PENDING or RUNNING one (a FAILED check stays FAILED, the rollback follows). */
    static Optional<StepLog.Entry> next(List<StepLog.Entry> steps) {
        return steps.stream().filter(s -> "PENDING".equals(s.status) || "RUNNING".equals(s.status)).findFirst();
    }

    @WithTransaction
    public Uni<UpgradeWork> begin(UUID id, String owner) {
        Instant now = now();
        return upgrades.findById(id).chain(u -> {
            if (u == null || !u.claimable(owner, now)) {
                return Uni.createFrom().nullItem();
            }
            List<StepLog.Entry> steps = StepLog.read(u.steps);
            Optional<StepLog.Entry> next = next(steps);
            if (next.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            u.begin(owner, now.plus(Lease.DURATION), steps, next.get(), now);
            UpgradeStep step = UpgradeStep.of(next.get().name);
            boolean switched = "DONE".equals(StepLog.named(steps, UpgradeStep.SWITCH.slug()).status)
                    || "FAILED".equals(StepLog.named(steps, UpgradeStep.SWITCH.slug()).status);
            return gateways.findById(u.gatewayId).chain(g -> hosts.findById(g.hostId).chain(host -> released(g)
                    .map(files -> {
                        boolean changed = host.status == HostStatus.HOST_KEY_CHANGED;
                        return new UpgradeWork(u.id, step, g.id, changed ? null : hostService.target(host), changed,
                                g.profile, g.port, u.fromVersion, u.toVersion, switched, g.deployedCommit, files,
                                u.failedStep, secretsOf(g));
                    })));
        });
    }

    /** The files of the gateway's deployed release, as written to the workspace (path, SHA-256); null without one. */
    private Uni<List<String[]>> released(Gateway g) {
        if (g.deployedCommit == null) {
            return Uni.createFrom().nullItem();
        }
        return deployments.ofGateway(g.id).map(list -> list.stream()
                .filter(d -> d.status == DeploymentStatus.DEPLOYED && g.deployedCommit.equals(d.commit)).findFirst()
                .map(UpgradeService::files).orElse(null));
    }

    private static List<String[]> files(Deployment d) {
        try {
            List<AgentFile> approved = JSON.readValue(d.files, new TypeReference<List<AgentFile>>() {
            });
            List<String[]> out = new ArrayList<>();
            WorkspaceFiles.plan(approved).files().forEach(f -> out.add(new String[] { f.path(), f.sha256() }));
            return out;
        } catch (Exception e) {
            LOG.warnf("deployment %s: released files unreadable (%s)", d.id, e.getMessage());
            return null;
        }
    }

    private List<String> secretsOf(Gateway g) {
        List<String> list = new ArrayList<>();
        if (g.tokenSealed != null && !g.tokenSealed.isEmpty()) {
            list.add(secrets.open(g.context("token"), g.tokenSealed));
        }
        if (g.modelApiKeySealed != null && !g.modelApiKeySealed.isEmpty()) {
            list.add(secrets.open(g.context("model-api-key"), g.modelApiKeySealed));
        }
        if (g.telegramTokenSealed != null) {
            list.add(secrets.open(g.context("telegram-bot-token"), g.telegramTokenSealed));
        }
        return list;
    }

    /** What a step answered, beyond its outcome: the snapshot's path, the gold set's score. */
    public record Extra(String snapshotPath, Double goldSetScore) {
        static final Extra NONE = new Extra(null, null);
    }

    @WithTransaction
    public Uni<Upgrade> record(UUID id, UpgradeStep step, StepOutcome outcome, Extra extra) {
        Instant now = now();
        return upgrades.findById(id).chain(u -> {
            List<StepLog.Entry> steps = StepLog.read(u.steps);
            StepLog.Entry entry = StepLog.named(steps, step.slug());
            String output = Redactor.of().redact(outcome.output());
            u.noted(extra.snapshotPath(), extra.goldSetScore());
            Uni<Void> effects = Uni.createFrom().voidItem();
            switch (outcome.kind()) {
                case DONE, SKIPPED -> {
                    StepLog.end(entry, outcome.kind() == StepOutcome.Kind.DONE ? "DONE" : "SKIPPED", output, now);
                    u.stepEnded();
                    if (step == UpgradeStep.SWITCH) {
                        effects = version(u.gatewayId, u.toVersion, now);
                    } else if (step == UpgradeStep.KEEP) {
                        StepLog.end(StepLog.named(steps, UpgradeStep.ROLLBACK.slug()), "SKIPPED", "kept", now);
                        u.kept(now);
                        effects = outbox.append(new AgentUpgraded(u.engagementId, u.clientId, u.gatewayId, u.id,
                                u.fromVersion, u.toVersion, u.goldSetScore, u.requestedBy, now)).replaceWithVoid();
                    } else if (step == UpgradeStep.ROLLBACK) {
                        u.rolledBack(now);
                        effects = version(u.gatewayId, u.fromVersion, now).chain(() -> outbox.append(
                                new AgentUpgradeRolledBack(u.engagementId, u.clientId, u.gatewayId, u.id, u.fromVersion,
                                        u.toVersion, u.failedStep, u.failureReason, u.requestedBy, now)))
                                .replaceWithVoid();
                    }
                }
                case INTERRUPTED -> {
                    StepLog.end(entry, "PENDING", output, now);
                    if (!u.interrupted(MAX_INTERRUPTIONS, now)) {
                        StepLog.givenUp(entry);
                        checkFailed(u, steps, step, "host unreachable " + u.interruptions + " times in a row", now);
                    }
                }
                case FAILED, HOST_KEY_CHANGED -> {
                    StepLog.end(entry, "FAILED", output, now);
                    if (step == UpgradeStep.ROLLBACK) {
                        u.rollbackFailed(Redactor.of().redact(u.failureReason + "; the rollback failed too: "
                                + outcome.reason()), now);
                        LOG.errorf("upgrade %s: rollback failed, the gateway needs a person: %s", u.id, u.failureReason);
                    } else {
                        checkFailed(u, steps, step, outcome.reason(), now);
                    }
                }
            }
            u.steps(steps);
            return effects.replaceWith(u);
        });
    }

    /** A step failed: the checks left are not run, the rollback is next. */
    private void checkFailed(Upgrade u, List<StepLog.Entry> steps, UpgradeStep step, String reason, Instant now) {
        u.checkFailed(steps, step, Redactor.of().redact(reason), now);
        LOG.warnf("upgrade %s: %s failed (%s); rolling back", u.id, step.slug(), u.failureReason);
    }

    /** The version the gateway runs from now on (the prefix its service starts from). */
    private Uni<Void> version(UUID gatewayId, String version, Instant now) {
        return gateways.findById(gatewayId).invoke(g -> g.runsVersion(version, now)).replaceWithVoid();
    }

    @WithSession
    public Uni<List<UUID>> resumable() {
        return upgrades.resumable(now()).map(list -> list.stream().map(u -> u.id).toList());
    }

    @WithTransaction
    public Uni<Integer> renewLeases(List<UUID> ids, String owner) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return upgrades.update("leaseUntil = ?1 where id in ?2 and leaseOwner = ?3",
                now().plus(Lease.DURATION), ids, owner);
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
