package io.lobsterops.provisioning.fleet.goldset;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.events.GoldSetEvaluated.CaseResult;
import io.lobsterops.events.GoldSetOccasion;
import io.lobsterops.kit.blocking.Blocking;
import io.lobsterops.provisioning.config.ProvisioningConfig;
import io.lobsterops.provisioning.fleet.gateway.GatewayService;
import io.lobsterops.provisioning.fleet.goldset.GoldSetEvaluations.Outcome;
import io.lobsterops.provisioning.fleet.goldset.GoldSetEvaluations.Work;
import io.lobsterops.provisioning.fleet.goldset.GoldSetScoring.Scored;
import io.lobsterops.provisioning.fleet.openclaw.Redactor;
import io.lobsterops.provisioning.fleet.openclaw.RemoteHost;
import io.lobsterops.provisioning.fleet.ssh.HostUnreachableException;
import io.lobsterops.provisioning.fleet.ssh.SshClients;
import io.lobsterops.provisioning.fleet.ssh.SshConnection;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Runs released gold sets on gateways (ADR 0037): one {@code openclaw agent} turn per case, each in its own session,
 * scored, stored and published as {@code goldset.evaluated}. Evaluations queued after a deployment are picked up by
 * {@link #sweep()}; another flow (an upgrade) calls {@link #evaluate} and gets the evaluation once it is done, or runs
 * a gold set over a connection it holds with {@link #runOn}.
 */
@ApplicationScoped
public class GoldSetRunner {

    private static final Logger LOG = Logger.getLogger(GoldSetRunner.class);

    private final GoldSetEvaluations evaluations;
    private final GatewayService gateways;
    private final SshClients ssh;
    private final Blocking blocking;
    private final ProvisioningConfig config;
    private final Set<UUID> active = ConcurrentHashMap.newKeySet();
    private final String owner = "goldset-" + UUID.randomUUID();

    public GoldSetRunner(GoldSetEvaluations evaluations, GatewayService gateways, SshClients ssh, Blocking blocking,
            ProvisioningConfig config) {
        this.evaluations = evaluations;
        this.gateways = gateways;
        this.ssh = ssh;
        this.blocking = blocking;
        this.config = config;
    }

    /**
     * Runs the gold set released with {@code releasedCommit} on the gateway now, stores the evaluation and publishes
     * {@code goldset.evaluated}; the Uni completes with the evaluation once it is DONE (or PENDING again when the host
     * could not be reached: the sweep retries it). Subscribe on a Vert.x context, like the services' own Unis.
     */
    public Uni<GoldSetEvaluation> evaluate(UUID gatewayId, String releasedCommit, GoldSetOccasion occasion) {
        UUID id = UUID.randomUUID();
        active.add(id);
        return evaluations.queue(id, gatewayId, releasedCommit, occasion)
                .chain(queued -> drive(id))
                .eventually(() -> active.remove(id));
    }

    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            every = "${lobsterops.provisioning.runs.deploy-every:2s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return evaluations.renewLeases(List.copyOf(active), owner)
                .chain(evaluations::waiting).invoke(ids -> ids.forEach(this::launch)).replaceWithVoid();
    }

    void launch(UUID id) {
        if (!active.add(id)) {
            return;
        }
        blocking.launch("gold-set-evaluation-" + id, () -> drive(id), () -> active.remove(id));
    }

    private Uni<GoldSetEvaluation> drive(UUID id) {
        return evaluations.begin(id, owner)
                .onFailure(e -> e instanceof jakarta.persistence.OptimisticLockException
                        || e instanceof org.hibernate.StaleObjectStateException)
                .recoverWithNull()
                .chain(work -> work == null ? evaluations.get(id)
                        : gateways.placed(work.gatewayId())
                                .chain(placed -> blocking.run(() -> run(work, placed)))
                                .onFailure().recoverWithItem(e -> Outcome.interrupted(String.valueOf(e.getMessage())))
                                .chain(outcome -> outcome.interrupted()
                                        ? evaluations.interrupted(id, outcome.note(), config.runs().retryEvery())
                                        : evaluations.finish(id, outcome.scored(), outcome.note())));
    }

    private Outcome run(Work work, GatewayService.Placed placed) {
        if (placed.gateway().state == io.lobsterops.provisioning.fleet.domain.GatewayState.TERMINATED) {
            return Outcome.scored(failing(), "not run: the gateway was terminated");
        }
        if (work.goldSet() == null) {
            return Outcome.scored(failing(), "release " + work.releasedCommit() + " carries no gold set ("
                    + GoldSet.PATH + "): nothing shows the agent answers as it should");
        }
        GoldSet set;
        try {
            set = GoldSet.parse(work.goldSet());
        } catch (IllegalArgumentException e) {
            return Outcome.scored(failing(), "the released gold set cannot be read: " + e.getMessage());
        }
        SshConnection connection;
        try {
            connection = ssh.open(placed.target());
        } catch (HostUnreachableException e) {
            LOG.warnf("gold-set evaluation %s waits for its host: %s", work.evaluationId(), e.getMessage());
            return Outcome.interrupted("host unreachable: " + e.getMessage());
        }
        try (connection) {
            RemoteHost host = new RemoteHost(connection, config.openclaw(), placed.gateway().openclawVersion,
                    placed.target().installDir());
            Scored scored = runOn(host, work.profile(), work.agentId() == null ? "main" : work.agentId(), set,
                    "goldset-" + work.evaluationId().toString().substring(0, 8),
                    Redactor.of(work.secrets().toArray(String[]::new)));
            return Outcome.scored(scored, null);
        }
    }

    private static Scored failing() {
        return new Scored(0, GoldSet.DEFAULT_THRESHOLD, false, List.of());
    }

    /**
     * Runs {@code set} on the gateway of {@code profile} over a connection the caller holds (blocking; nothing stored
     * or published): one turn per case, in the session {@code <sessionPrefix>-<case id>}, scored.
     */
    public static Scored runOn(RemoteHost host, String profile, String agentId, GoldSet set, String sessionPrefix,
            Redactor redactor) {
        List<CaseResult> results = new ArrayList<>();
        for (GoldSet.Case c : set.cases()) {
            GoldSetScoring.Answer answer = AgentTurn.ask(host, profile, agentId, sessionPrefix + "-" + c.id(),
                    c.prompt());
            results.add(GoldSetScoring.verdict(c, answer, redactor));
        }
        return GoldSetScoring.score(set, results);
    }
}
