package io.lobsterops.monitoring.service;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.GoldSetEvaluated;
import io.lobsterops.events.ScheduleChanged;
import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.messaging.Outbox;
import io.lobsterops.monitoring.api.MonitoringProblems;
import io.lobsterops.monitoring.config.MonitoringConfig;
import io.lobsterops.monitoring.domain.ActivitySchedule;
import io.lobsterops.monitoring.domain.AgentRun;
import io.lobsterops.monitoring.domain.Cadence;
import io.lobsterops.monitoring.domain.EscalationRule;
import io.lobsterops.monitoring.domain.Finding;
import io.lobsterops.monitoring.domain.MonitoredEngagement;
import io.lobsterops.monitoring.domain.Optimizer;
import io.lobsterops.monitoring.domain.OptimizerProposal;
import io.lobsterops.monitoring.domain.RunStats;
import io.lobsterops.monitoring.persistence.ActivityScheduleRepository;
import io.lobsterops.monitoring.persistence.AgentRunRepository;
import io.lobsterops.monitoring.persistence.MonitoredEngagementRepository;
import io.lobsterops.monitoring.persistence.OptimizerProposalRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Run metrics (engagement playbook): runs of an agent's scheduled work, their summary, the quality rule and the
 * optimizer. The optimizer proposes (at most one open proposal per activity and kind), a supervisor decides; an
 * approved cadence is published as schedule.changed for agent-config to render the agent's cron jobs from.
 */
@ApplicationScoped
public class RunService {

    private final AgentRunRepository runs;
    private final ActivityScheduleRepository schedules;
    private final OptimizerProposalRepository proposals;
    private final MonitoredEngagementRepository engagements;
    private final EscalationService escalations;
    private final Outbox outbox;
    private final MonitoringConfig config;
    private final Optimizer optimizer;

    public RunService(AgentRunRepository runs, ActivityScheduleRepository schedules,
            OptimizerProposalRepository proposals, MonitoredEngagementRepository engagements,
            EscalationService escalations, Outbox outbox, MonitoringConfig config) {
        this.runs = runs;
        this.schedules = schedules;
        this.proposals = proposals;
        this.engagements = engagements;
        this.escalations = escalations;
        this.outbox = outbox;
        this.config = config;
        this.optimizer = new Optimizer(config.optimizer().minimumRecords(), config.optimizer().promotionQuality());
    }

    /** The activity a gold set is recorded under: {@code gold set (DEPLOYMENT)}, {@code gold set (UPGRADE)}, … */
    public static final String GOLD_SET = "gold set";

    /**
     * goldset.evaluated: one quality run (score = quality, below the threshold = failed), so a falling score escalates
     * like any quality drop. Kept once per evaluation (its id is the run's). Runs in the inbox's transaction.
     */
    public Uni<Void> goldSet(GoldSetEvaluated evaluated) {
        Instant now = EscalationService.now();
        return engagements.findById(evaluated.engagementId()).chain(engagement -> {
            if (engagement == null) {
                return Uni.createFrom().voidItem();
            }
            return runs.findById(evaluated.evaluationId()).chain(known -> {
                if (known != null) {
                    return Uni.createFrom().voidItem();
                }
                long failed = evaluated.cases() == null ? 0 : evaluated.cases().stream().filter(c -> !c.passed()).count();
                int cases = evaluated.cases() == null ? 0 : evaluated.cases().size();
                AgentRun run = AgentRun.goldSet(evaluated.evaluationId(), evaluated.engagementId(), engagement.clientId,
                        GOLD_SET + " (" + evaluated.occasion() + ")", evaluated.passed(), 0, evaluated.score(),
                        cases - failed + "/" + cases + " cases passed, threshold " + evaluated.threshold()
                                + (evaluated.openclawVersion() == null ? "" : ", OpenClaw " + evaluated.openclawVersion()),
                        "provisioning-service (gold set)", evaluated.evaluatedAt(), now);
                engagement.qualityWatched(now);
                return runs.persist(run).call(() -> runs.flush()).call(() -> qualityRule(engagement))
                        .replaceWithVoid();
            });
        });
    }

    public record NewRun(String activity, boolean success, long durationMs, Double quality, String notes,
            Instant ranAt) {
    }

    /** Records a run; the quality rule and the optimizer look at the activity again in the same transaction. */
    @WithTransaction
    public Uni<AgentRun> record(UUID engagementId, Optional<String> clientScope, NewRun run, String by) {
        Instant now = EscalationService.now();
        return engagement(engagementId, clientScope).chain(engagement -> {
            AgentRun recorded = new AgentRun(engagementId, engagement.clientId, run.activity().strip(),
                    run.success(), run.durationMs(), run.quality(), run.notes(), by,
                    run.ranAt() == null ? now : run.ranAt(), now);
            engagement.qualityWatched(now);
            return runs.persist(recorded)
                    .call(() -> runs.flush())
                    .call(() -> qualityRule(engagement))
                    .call(() -> propose(engagement, recorded.activity, now));
        });
    }

    private Uni<Void> qualityRule(MonitoredEngagement engagement) {
        int n = config.escalations().qualityRuns();
        double floor = config.escalations().qualityFloor();
        return runs.lastScored(engagement.engagementId, n).chain(last -> {
            if (last.size() < n) {
                return Uni.createFrom().voidItem();
            }
            double mean = last.stream().mapToDouble(run -> run.quality).average().orElse(1);
            if (mean >= floor) {
                return Uni.createFrom().voidItem();
            }
            Map<String, Long> byActivity = last.stream().collect(Collectors.groupingBy(run -> run.activity,
                    TreeMap::new, Collectors.counting()));
            return escalations.fire(Finding.of(engagement.engagementId, engagement.clientId,
                    EscalationRule.QUALITY_LOW,
                    "Quality of " + engagement.clientName + "'s agent at " + Math.round(mean * 100) / 100.0
                            + " over its last " + n + " runs (floor " + floor + ")",
                    "Scored runs per activity: " + byActivity + "; newest: " + last.get(0).activity + " "
                            + last.get(0).quality + (last.get(0).notes == null ? "" : " (" + last.get(0).notes + ")"),
                    "nothing automatic",
                    List.of("read the last runs' notes and the agent's answers",
                            "adjust the agent's instructions (agent-config proposal)", "try a stronger model",
                            "tell the client if answers went out wrong"),
                    "read the low-scored runs, then propose an instruction fix")).replaceWithVoid();
        });
    }

    private Uni<Void> propose(MonitoredEngagement engagement, String activity, Instant now) {
        return verdict(engagement.engagementId, activity).chain(verdict -> {
            if (verdict.recommendation().isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            var recommendation = verdict.recommendation().get();
            return proposals.findOpen(engagement.engagementId, activity, recommendation.kind()).chain(open -> open != null
                    ? Uni.createFrom().voidItem()
                    : proposals.persist(new OptimizerProposal(engagement.engagementId, engagement.clientId,
                            recommendation, now)).replaceWithVoid());
        });
    }

    private Uni<Optimizer.Verdict> verdict(UUID engagementId, String activity) {
        return schedules.findById(new ActivitySchedule.Key(engagementId, activity))
                .chain(schedule -> runs.ofActivity(engagementId, activity).map(all -> optimizer.assess(activity,
                        schedule == null ? Cadence.HOURLY : schedule.cadence, all)));
    }

    @WithSession
    public Uni<PageView<AgentRun>> page(UUID engagementId, Optional<String> clientScope, int page, int size) {
        return engagement(engagementId, clientScope).chain(engagement -> runs.page(engagementId, page, size));
    }

    public record Summary(RunStats overall, Map<String, RunStats> perActivity, Map<String, RunStats> perWeek) {
    }

    @WithSession
    public Uni<Summary> summary(UUID engagementId, Optional<String> clientScope, Instant since) {
        return engagement(engagementId, clientScope).chain(engagement -> runs.since(engagementId, since))
                .map(all -> new Summary(RunStats.of(all), group(all, run -> run.activity), group(all, RunService::week)));
    }

    private static Map<String, RunStats> group(List<AgentRun> all, java.util.function.Function<AgentRun, String> key) {
        Map<String, List<AgentRun>> groups = all.stream().collect(Collectors.groupingBy(key, TreeMap::new,
                Collectors.toList()));
        Map<String, RunStats> stats = new TreeMap<>();
        groups.forEach((k, v) -> stats.put(k, RunStats.of(v)));
        return stats;
    }

    /** ISO week of the run, e.g. {@code 2026-W48}. */
    static String week(AgentRun run) {
        var day = run.ranAt.atOffset(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The optimizer's verdict for every activity of the engagement (reads only; proposals come with runs). */
    @WithSession
    public Uni<List<Optimizer.Verdict>> optimizer(UUID engagementId, Optional<String> clientScope) {
        return engagement(engagementId, clientScope).chain(engagement -> runs.activities(engagementId))
                .chain(activities -> {
                    // one after the other: one session, one chain
                    Uni<List<Optimizer.Verdict>> chain = Uni.createFrom().item(new ArrayList<>());
                    for (String activity : activities) {
                        chain = chain.chain(list -> verdict(engagementId, activity).map(v -> {
                            list.add(v);
                            return list;
                        }));
                    }
                    return chain;
                });
    }

    @WithSession
    public Uni<List<OptimizerProposal>> proposals(UUID engagementId) {
        return proposals.ofEngagement(engagementId);
    }

    /** A supervisor's decision. An approved cadence becomes the activity's schedule and is published. */
    @WithTransaction
    public Uni<OptimizerProposal> decide(UUID proposalId, boolean approve, String note, String by) {
        Instant now = EscalationService.now();
        return proposals.findById(proposalId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Proposal", proposalId))
                .call(proposal -> {
                    if (!proposal.decide(approve, by, note, now)) {
                        throw new ProblemException(MonitoringProblems.PROPOSAL_DECIDED,
                                "Proposal " + proposalId + " was "
                                + proposal.state + " by " + proposal.decidedBy + " at " + proposal.decidedAt + ".");
                    }
                    if (!approve || proposal.kind != OptimizerProposal.Kind.CADENCE) {
                        return Uni.createFrom().voidItem();
                    }
                    Cadence cadence = Cadence.valueOf(proposal.proposed);
                    return schedules.findById(new ActivitySchedule.Key(proposal.engagementId, proposal.activity))
                            .chain(existing -> {
                                String previous = existing == null ? Cadence.HOURLY.name() : existing.cadence.name();
                                Uni<?> stored;
                                if (existing == null) {
                                    stored = schedules.persist(new ActivitySchedule(proposal.engagementId,
                                            proposal.activity, proposal.clientId, cadence, by, now));
                                } else {
                                    existing.approve(cadence, by, now);
                                    stored = Uni.createFrom().item(existing);
                                }
                                return stored.chain(() -> outbox.append(new ScheduleChanged(proposal.engagementId,
                                        proposal.clientId, proposal.activity, cadence.name(), previous, by, now)));
                            });
                });
    }

    private Uni<MonitoredEngagement> engagement(UUID engagementId, Optional<String> clientScope) {
        return engagements.requireVisible(engagementId, clientScope, "Engagement");
    }
}
