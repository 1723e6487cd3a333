package io.lobsterops.provisioning.fleet.goldset;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.events.AgentFile;
import io.lobsterops.events.GoldSetEvaluated.CaseResult;
import io.lobsterops.events.GoldSetEvaluated;
import io.lobsterops.events.GoldSetOccasion;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.messaging.Outbox;
import io.lobsterops.provisioning.engagement.service.EngagementService;
import io.lobsterops.provisioning.fleet.domain.Deployment;
import io.lobsterops.provisioning.fleet.domain.Gateway;
import io.lobsterops.provisioning.fleet.domain.Lease;
import io.lobsterops.provisioning.fleet.openclaw.Redactor;
import io.lobsterops.provisioning.fleet.persistence.DeploymentRepository;
import io.lobsterops.provisioning.fleet.persistence.GatewayRepository;
import io.lobsterops.provisioning.fleet.secrets.SecretBox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The gold-set evaluations' units of work (ADR 0037): queued (after a deployment, in its transaction; or for an upgrade
 * or on demand), claimed with a lease, finished with their score and {@code goldset.evaluated} in one transaction.
 * {@link GoldSetRunner} does the SSH work in between.
 */
@ApplicationScoped
public class GoldSetEvaluations {

    /** An evaluation whose host stayed unreachable this many times is recorded as failed. */
    static final int MAX_ATTEMPTS = 20;

    private final GoldSetEvaluationRepository evaluations;
    private final DeploymentRepository deployments;
    private final GatewayRepository gateways;
    private final EngagementService engagements;
    private final SecretBox secrets;
    private final Outbox outbox;
    private final ObjectMapper json;

    public GoldSetEvaluations(GoldSetEvaluationRepository evaluations, DeploymentRepository deployments,
            GatewayRepository gateways, EngagementService engagements, SecretBox secrets, Outbox outbox,
            ObjectMapper json) {
        this.evaluations = evaluations;
        this.deployments = deployments;
        this.gateways = gateways;
        this.engagements = engagements;
        this.secrets = secrets;
        this.outbox = outbox;
        this.json = json;
    }

    /** What the runner needs for one evaluation: where, which gold set (null: the release has none), what to redact. */
    public record Work(UUID evaluationId, UUID gatewayId, String profile, String agentId, String releasedCommit,
            String goldSet, List<String> secrets) {
    }

    /** How an evaluation ended: scored, or interrupted (host unreachable: retried later). */
    public record Outcome(GoldSetScoring.Scored scored, String note, boolean interrupted) {

        public static Outcome scored(GoldSetScoring.Scored scored, String note) {
            return new Outcome(scored, note, false);
        }

        public static Outcome interrupted(String why) {
            return new Outcome(null, why, true);
        }
    }

    /** A deployment was recorded DEPLOYED: its gold set is queued in the same transaction. */
    public Uni<GoldSetEvaluation> afterDeployment(Deployment deployment, Gateway gateway, Instant at) {
        return evaluations.persist(GoldSetEvaluation.queued(UUID.randomUUID(), gateway.engagementId, gateway.clientId,
                gateway.id, deployment.id, deployment.commit, gateway.openclawVersion, GoldSetOccasion.DEPLOYMENT, at));
    }

    /** Queues an evaluation of the gold set released with {@code releasedCommit} on a gateway. */
    @WithTransaction
    public Uni<GoldSetEvaluation> queue(UUID id, UUID gatewayId, String releasedCommit, GoldSetOccasion occasion) {
        return gateways.findById(gatewayId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Gateway", gatewayId))
                .chain(gateway -> {
                    return evaluations.persist(GoldSetEvaluation.queued(id, gateway.engagementId, gateway.clientId,
                            gateway.id, null, releasedCommit, gateway.openclawVersion, occasion, now()));
                });
    }

    /** Claims an evaluation for {@code owner}; null when there is nothing to do now. */
    @WithTransaction
    public Uni<Work> begin(UUID id, String owner) {
        Instant now = now();
        return evaluations.findById(id).chain(e -> {
            if (e == null || !e.claimable(owner, now)) {
                return Uni.createFrom().nullItem();
            }
            return gateways.findById(e.gatewayId).chain(gateway -> releasedFiles(e).map(files -> {
                e.begin(owner, gateway.openclawVersion, now.plus(Lease.DURATION), now);
                return new Work(e.id, gateway.id, gateway.profile, gateway.agentId, e.releasedCommit,
                        GoldSet.of(files), secretsOf(gateway));
            }));
        });
    }

    /** The files released with the evaluation's commit, from the deployment that brought them (empty: none known). */
    private Uni<List<AgentFile>> releasedFiles(GoldSetEvaluation e) {
        Uni<Deployment> deployment = e.deploymentId != null ? deployments.findById(e.deploymentId)
                : deployments.find("engagementId = ?1 and commit = ?2 order by createdAt desc", e.engagementId,
                        e.releasedCommit).firstResult();
        return deployment.map(d -> d == null ? List.<AgentFile>of() : read(d.files, new TypeReference<>() {
        }));
    }

    private List<String> secretsOf(Gateway g) {
        List<String> list = new ArrayList<>();
        if (g.tokenSealed != null) {
            list.add(secrets.open(g.context("token"), g.tokenSealed));
        }
        if (g.modelApiKeySealed != null) {
            list.add(secrets.open(g.context("model-api-key"), g.modelApiKeySealed));
        }
        if (g.telegramTokenSealed != null) {
            list.add(secrets.open(g.context("telegram-bot-token"), g.telegramTokenSealed));
        }
        return list;
    }

    /** The host could not be reached: back to PENDING, retried after {@code retryAfter} (failed after many tries). */
    @WithTransaction
    public Uni<GoldSetEvaluation> interrupted(UUID id, String reason, Duration retryAfter) {
        Instant now = now();
        return evaluations.findById(id).chain(e -> {
            if (e.attempts >= MAX_ATTEMPTS) {
                return finishIn(e, new GoldSetScoring.Scored(0, GoldSet.DEFAULT_THRESHOLD, false, List.of()),
                        Redactor.of().redact(reason) + " (" + e.attempts + " attempts: given up)", now);
            }
            e.retried(Redactor.of().redact(reason), now.plus(retryAfter));
            return Uni.createFrom().item(e);
        });
    }

    /** Records the result and publishes {@code goldset.evaluated}, in one transaction. */
    @WithTransaction
    public Uni<GoldSetEvaluation> finish(UUID id, GoldSetScoring.Scored scored, String note) {
        return evaluations.findById(id).chain(e -> e.status == GoldSetEvaluation.Status.DONE
                ? Uni.createFrom().item(e) : finishIn(e, scored, note, now()));
    }

    private Uni<GoldSetEvaluation> finishIn(GoldSetEvaluation e, GoldSetScoring.Scored scored, String note,
            Instant now) {
        e.scored(scored.score(), scored.threshold(), scored.passed(), write(scored.cases()), note, now);
        return outbox.append(new GoldSetEvaluated(e.engagementId, e.clientId, e.id, e.gatewayId, e.releasedCommit,
                e.openclawVersion, e.occasion, scored.score(), scored.threshold(), scored.passed(), scored.cases(),
                now)).replaceWith(e);
    }

    @WithTransaction
    public Uni<Integer> renewLeases(List<UUID> ids, String owner) {
        return ids.isEmpty() ? Uni.createFrom().item(0)
                : evaluations.renew(ids, owner, now().plus(Lease.DURATION));
    }

    @WithSession
    public Uni<List<UUID>> waiting() {
        return evaluations.waiting(now()).map(list -> list.stream().map(e -> e.id).toList());
    }

    @WithSession
    public Uni<GoldSetEvaluation> get(UUID id) {
        return evaluations.findById(id);
    }

    /** An engagement's evaluations, newest first; a client gets 404 (the gold set is the agency's, ADR 0037). */
    @WithSession
    public Uni<List<GoldSetEvaluation>> ofEngagement(UUID engagementId, Optional<String> clientScope, int page,
            int size) {
        if (clientScope.isPresent()) {
            return Uni.createFrom().failure(ProblemException.notFound("Gold-set evaluations of engagement",
                    engagementId));
        }
        return engagements.get(engagementId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Engagement", engagementId))
                .chain(engagement -> evaluations.ofEngagement(engagementId, page, size));
    }

    @WithSession
    public Uni<List<GoldSetEvaluation>> ofDeployments(List<UUID> deploymentIds) {
        return evaluations.ofDeployments(deploymentIds);
    }

    public List<CaseResult> cases(GoldSetEvaluation e) {
        return e.cases == null ? List.of() : read(e.cases, new TypeReference<List<CaseResult>>() {
        });
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
