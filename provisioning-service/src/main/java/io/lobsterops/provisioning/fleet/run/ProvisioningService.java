package io.lobsterops.provisioning.fleet.run;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.GatewayInstalled;
import io.lobsterops.events.ProvisioningFailed;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.messaging.Outbox;
import io.lobsterops.provisioning.config.ProvisioningConfig;
import io.lobsterops.provisioning.fleet.deployment.DeploymentService;
import io.lobsterops.provisioning.fleet.domain.Gateway;
import io.lobsterops.provisioning.fleet.domain.HostStatus;
import io.lobsterops.provisioning.fleet.domain.Lease;
import io.lobsterops.provisioning.fleet.domain.ProvisioningRun;
import io.lobsterops.provisioning.fleet.domain.RunStep;
import io.lobsterops.provisioning.fleet.domain.StepName;
import io.lobsterops.provisioning.fleet.domain.StepStatus;
import io.lobsterops.provisioning.fleet.host.HostService;
import io.lobsterops.provisioning.fleet.job.StepOutcome;
import io.lobsterops.provisioning.fleet.openclaw.Redactor;
import io.lobsterops.provisioning.fleet.persistence.GatewayRepository;
import io.lobsterops.provisioning.fleet.persistence.HostRepository;
import io.lobsterops.provisioning.fleet.persistence.ProvisioningRunRepository;
import io.lobsterops.provisioning.fleet.secrets.SecretBox;
import io.lobsterops.provisioning.fleet.ssh.Shell;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The provisioning run's state machine: each step begun and recorded, the run succeeded or failed with its event,
 * resumed, rerun, its lease renewed. Placing the gateway is {@code fleet.placement.Placements}.
 */
@ApplicationScoped
public class ProvisioningService {

    private final HostRepository hosts;
    private final GatewayRepository gateways;
    private final ProvisioningRunRepository runs;
    private final HostService hostService;
    private final SecretBox secrets;
    private final Outbox outbox;
    private final ProvisioningConfig config;
    private final Clock clock = Clock.systemUTC();

    private final DeploymentService deployments;

    public ProvisioningService(HostRepository hosts, GatewayRepository gateways, ProvisioningRunRepository runs,
            HostService hostService, SecretBox secrets, Outbox outbox, ProvisioningConfig config,
            DeploymentService deployments) {
        this.deployments = deployments;
        this.hosts = hosts;
        this.gateways = gateways;
        this.runs = runs;
        this.hostService = hostService;
        this.secrets = secrets;
        this.outbox = outbox;
        this.config = config;
    }

    @WithSession
    public Uni<RunView> view(UUID runId, Optional<String> clientScope) {
        return runs.requireVisible(runId, clientScope, "Provisioning run").map(RunView::from);
    }

    /**
     * Starts the run's first unfinished step: marks it RUNNING and answers what the step needs, or null when the run
     * has nothing left to do (finished, or another step already running).
     */
    @WithTransaction
    public Uni<StepWork> beginStep(UUID runId, String owner) {
        Instant now = now();
        return runs.findById(runId).chain(run -> {
            if (run == null || !run.claim(owner, now, now.plus(Lease.DURATION))) {
                return Uni.createFrom().nullItem(); // finished, or another instance drives it
            }
            Optional<RunStep> next = run.nextStep();
            if (next.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            Gateway killed = run.gateway;
            if (killed.held() && (next.get().name == StepName.START_GATEWAY || next.get().name == StepName.VERIFY)) {
                // the kill switch was pulled while the run went on: it must not start the gateway again
                run.failed(next.get(), Redactor.of().redact("held by the kill switch (" + killed.suspendedBy + ": "
                        + killed.suspendedReason + "); resume the gateway, then run it again"), now);
                return failedEvent(run, next.get(), now).replaceWith((StepWork) null);
            }
            return hosts.findById(run.gateway.hostId).map(host -> {
                RunStep step = next.get();
                run.begin(step, now);
                Gateway g = run.gateway;
                if (host.status == HostStatus.HOST_KEY_CHANGED) {
                    return new StepWork(run.id, host.id, step.ordinal, step.name, null, g.profile, g.port,
                            g.agentId, g.openclawVersion, null, null, null, null, null, null, null, null, null);
                }
                return new StepWork(run.id, host.id, step.ordinal, step.name, hostService.target(host), g.profile,
                        g.port, g.agentId, g.openclawVersion, g.modelProviderId, g.modelBaseUrl, g.modelId,
                        g.modelPrice(), secrets.open(g.context("model-api-key"), g.modelApiKeySealed),
                        secrets.open(g.context("token"), g.tokenSealed),
                        g.telegramTokenSealed == null ? null
                                : secrets.open(g.context("telegram-bot-token"), g.telegramTokenSealed),
                        g.telegramDmPolicy, allowFromJson(g.telegramAllowFrom));
            });
        });
    }

    private static String allowFromJson(String csv) {
        if (csv == null || csv.isBlank()) {
            return "[]";
        }
        return "[" + java.util.Arrays.stream(csv.split(",")).map(Shell::json).collect(Collectors.joining(",")) + "]";
    }

    /** Records a step's outcome and moves the run on; answers the run as it now stands. */
    @WithTransaction
    public Uni<ProvisioningRun> record(UUID runId, int ordinal, StepOutcome outcome) {
        Instant now = now();
        return runs.findById(runId).chain(run -> {
            RunStep step = run.step(ordinal);
            String output = Redactor.of().redact(outcome.output());
            Uni<Void> effects = Uni.createFrom().voidItem();
            if (outcome.facts() != null) {
                effects = effects.chain(() -> hosts.findById(run.gateway.hostId)
                        .invoke(host -> host.recordFacts(outcome.facts())).replaceWithVoid());
            }
            switch (outcome.kind()) {
                case DONE, SKIPPED -> {
                    StepStatus ended = outcome.kind() == StepOutcome.Kind.DONE ? StepStatus.DONE : StepStatus.SKIPPED;
                    if (run.stepEnded(step, ended, outcome.exitStatus(), output, now)) {
                        effects = effects.chain(() -> succeeded(run, now));
                    }
                }
                case INTERRUPTED -> {
                    if (run.stepInterrupted(step, outcome.exitStatus(), output, Redactor.of().redact(outcome.reason()),
                            config.runs().maxInterruptions(), now.plus(config.runs().retryEvery()), now)) {
                        effects = effects.chain(() -> failedEvent(run, step, now));
                    }
                }
                case FAILED, HOST_KEY_CHANGED -> {
                    run.stepFailed(step, outcome.exitStatus(), output, Redactor.of().redact(outcome.reason()), now);
                    effects = effects.chain(() -> failedEvent(run, step, now));
                }
            }
            return effects.replaceWith(run);
        });
    }

    /** The run succeeded; the first installation of its gateway is announced and the deployments waiting bound. */
    private Uni<Void> succeeded(ProvisioningRun run, Instant now) {
        if (!run.succeeded(now)) {
            return Uni.createFrom().voidItem();
        }
        Gateway gateway = run.gateway;
        return outbox.append(new GatewayInstalled(gateway.engagementId, gateway.clientId, gateway.id, gateway.hostId,
                gateway.profile, gateway.port, gateway.openclawVersion, run.id, now))
                .chain(() -> deployments.bindWaiting(gateway.engagementId, gateway.id)).replaceWithVoid();
    }

    /** The run failed at {@code step}: provisioning.failed, in the transaction that recorded it. */
    private Uni<Void> failedEvent(ProvisioningRun run, RunStep step, Instant now) {
        Gateway gateway = run.gateway;
        return outbox.append(new ProvisioningFailed(gateway.engagementId, gateway.clientId, run.id, gateway.id,
                step.name.slug(), run.failureReason, now)).replaceWithVoid();
    }

    /** A failed run goes again from its failed step; a finished one is left as it is (re-running changes nothing). */
    @WithTransaction
    public Uni<ProvisioningRun> resume(UUID runId) {
        return runs.findById(runId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Provisioning run", runId))
                .invoke(ProvisioningRun::resume);
    }

    /** A new run of every step for an existing gateway: steps already done on the host are skipped. */
    @WithTransaction
    public Uni<ProvisioningRun> rerun(UUID gatewayId, String by) {
        return gateways.findById(gatewayId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Gateway", gatewayId))
                .chain(gateway -> runs.persist(ProvisioningRun.start(gateway, by, now())));
    }

    /** Runs to (re)start now: interrupted ones whose retry time has come, and those a stopped process left. */
    @WithSession
    public Uni<List<UUID>> resumable() {
        return runs.due(now()).chain(due -> runs.orphaned(now())
                .map(orphans -> java.util.stream.Stream.concat(due.stream(), orphans.stream()).map(r -> r.id)
                        .distinct().toList()));
    }

    /** Keeps the runs this instance drives. */
    @WithTransaction
    public Uni<Integer> renewLeases(List<UUID> ids, String owner) {
        return ids.isEmpty() ? Uni.createFrom().item(0) : runs.renew(ids, owner, now().plus(Lease.DURATION));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
