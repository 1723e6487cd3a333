package io.lobsterops.monitoring.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.events.Priority;
import io.lobsterops.events.ReportReady;
import io.lobsterops.events.Stage;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;
import io.lobsterops.kit.messaging.Outbox;
import io.lobsterops.monitoring.config.MonitoringConfig;
import io.lobsterops.monitoring.domain.AgentRun;
import io.lobsterops.monitoring.domain.Availability;
import io.lobsterops.monitoring.domain.Escalation;
import io.lobsterops.monitoring.domain.MonitoredEngagement;
import io.lobsterops.monitoring.domain.MonthlyReport;
import io.lobsterops.monitoring.domain.OptimizerProposal;
import io.lobsterops.monitoring.domain.ProposalState;
import io.lobsterops.monitoring.domain.ReportFigures;
import io.lobsterops.monitoring.domain.RunStats;
import io.lobsterops.monitoring.domain.TokenBudget;
import io.lobsterops.monitoring.domain.UsageDay;
import io.lobsterops.monitoring.persistence.AgentRunRepository;
import io.lobsterops.monitoring.persistence.EngagementChangeRepository;
import io.lobsterops.monitoring.persistence.EscalationRepository;
import io.lobsterops.monitoring.persistence.HealthChangeRepository;
import io.lobsterops.monitoring.persistence.MonitoredEngagementRepository;
import io.lobsterops.monitoring.persistence.MonitoredGatewayRepository;
import io.lobsterops.monitoring.persistence.MonthlyReportRepository;
import io.lobsterops.monitoring.persistence.OptimizerProposalRepository;
import io.lobsterops.monitoring.persistence.TokenBudgetRepository;
import io.lobsterops.monitoring.persistence.UsageDayRepository;
import io.lobsterops.monitoring.report.ReportHtml;
import io.lobsterops.monitoring.report.ReportPdf;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * The monthly status report (playbook §6.1) and the quarterly review's data, from monitoring's own records (ADR 0034):
 * rendered on the 1st of each month for the month that ended and on demand, as a DRAFT a supervisor approves in one
 * click (report.ready through the outbox) or sends back with a note (then rendered again).
 */
@ApplicationScoped
public class ReportService {

    private static final Logger LOG = Logger.getLogger(ReportService.class);

    public static final ProblemType REPORT_DECIDED = ProblemType.of("report-decided", "Report already decided", 409);
    public static final ProblemType REPORT_FINAL = ProblemType.of("report-approved",
            "Report approved: it is not rendered again", 409);
    public static final String SCHEDULER = "monitoring-service (monthly)";

    /** Engagements that get a monthly report: an agent that ran for the client. */
    static final List<Stage> REPORTED = List.of(Stage.LIVE, Stage.STABLE, Stage.MAINTENANCE, Stage.SUSPENDED);

    private final MonthlyReportRepository reports;
    private final MonitoredEngagementRepository engagements;
    private final MonitoredGatewayRepository gateways;
    private final HealthChangeRepository health;
    private final EscalationRepository escalations;
    private final UsageDayRepository usage;
    private final AgentRunRepository runs;
    private final EngagementChangeRepository changes;
    private final TokenBudgetRepository budgets;
    private final OptimizerProposalRepository proposals;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final ReportPdf pdf;
    private final Vertx vertx;
    private final MonitoringConfig config;

    public ReportService(MonthlyReportRepository reports, MonitoredEngagementRepository engagements,
            MonitoredGatewayRepository gateways, HealthChangeRepository health, EscalationRepository escalations,
            UsageDayRepository usage, AgentRunRepository runs, EngagementChangeRepository changes,
            TokenBudgetRepository budgets, OptimizerProposalRepository proposals, Outbox outbox, ObjectMapper json,
            ReportPdf pdf, Vertx vertx, MonitoringConfig config) {
        this.reports = reports;
        this.engagements = engagements;
        this.gateways = gateways;
        this.health = health;
        this.escalations = escalations;
        this.usage = usage;
        this.runs = runs;
        this.changes = changes;
        this.budgets = budgets;
        this.proposals = proposals;
        this.outbox = outbox;
        this.json = json;
        this.pdf = pdf;
        this.vertx = vertx;
        this.config = config;
    }

    /** A month, {@code yyyy-MM}, that has begun; else a 400. */
    public static YearMonth month(String period) {
        if (period == null || !period.strip().matches("\\d{4}-(0[1-9]|1[0-2])")) {
            throw ProblemException.badRequest("period " + period + " is not a month (yyyy-MM)");
        }
        YearMonth month = YearMonth.parse(period.strip());
        if (month.isAfter(YearMonth.now(ZoneOffset.UTC))) {
            throw ProblemException.badRequest("period " + period + " has not begun");
        }
        return month;
    }

    /** The three months of a quarter, {@code yyyy-Qn}, that has begun; else a 400. */
    public static List<YearMonth> quarter(String quarter) {
        if (quarter == null || !quarter.strip().matches("\\d{4}-Q[1-4]")) {
            throw ProblemException.badRequest("quarter " + quarter + " is not a quarter (yyyy-Qn, e.g. 2026-Q4)");
        }
        int year = Integer.parseInt(quarter.strip().substring(0, 4));
        int q = quarter.strip().charAt(6) - '0';
        YearMonth first = YearMonth.of(year, (q - 1) * 3 + 1);
        if (first.isAfter(YearMonth.now(ZoneOffset.UTC))) {
            throw ProblemException.badRequest("quarter " + quarter + " has not begun");
        }
        return List.of(first, first.plusMonths(1), first.plusMonths(2));
    }

    public record Rendered(MonthlyReport report, boolean created) {
    }

    /**
     * Renders the engagement's report of {@code month}: a new DRAFT, a draft refreshed, or a report whose changes were
     * asked for rendered again (revision + 1). An approved or sent report is final (409).
     */
    @WithTransaction
    public Uni<Rendered> render(UUID engagementId, YearMonth month, String by) {
        return engagement(engagementId, Optional.empty()).chain(engagement -> renderIn(engagement, month, by));
    }

    private Uni<Rendered> renderIn(MonitoredEngagement engagement, YearMonth month, String by) {
        Instant now = EscalationService.now();
        return reports.findFor(engagement.engagementId, month.toString()).chain(existing -> {
            if (existing != null && !existing.renderable()) {
                throw new ProblemException(REPORT_FINAL, "The report of " + month + " was " + existing.state
                        + " at " + existing.approvedAt + ".");
            }
            return figures(engagement, month, now).chain(figures -> {
                String data = write(figures);
                String html = ReportHtml.html(figures);
                if (existing != null) {
                    existing.rendered(data, html, by, now);
                    return Uni.createFrom().item(new Rendered(existing, false));
                }
                return reports.persist(MonthlyReport.draft(engagement.engagementId, engagement.clientId,
                        month.toString(), data, html, by, now)).map(r -> new Rendered(r, true));
            });
        });
    }

    /** The supervisor's one click: report.ready through the outbox, once; a decided report answers 409. */
    @WithTransaction
    public Uni<MonthlyReport> approve(UUID id, String by) {
        Instant now = EscalationService.now();
        return reports.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Report", id))
                .call(report -> {
                    if (!report.approve(by, now)) {
                        throw decided(report);
                    }
                    LOG.infof("report %s (%s, %s) approved by %s", report.id, report.engagementId, report.period, by);
                    return outbox.append(new ReportReady(report.engagementId, report.clientId, report.id,
                            report.period, "/reports/" + report.id, by, now));
                });
    }

    @WithTransaction
    public Uni<MonthlyReport> changes(UUID id, String note, String by) {
        Instant now = EscalationService.now();
        return reports.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Report", id))
                .invoke(report -> {
                    if (!report.changesRequested(note.strip(), by, now)) {
                        throw decided(report);
                    }
                });
    }

    private static ProblemException decided(MonthlyReport report) {
        return new ProblemException(REPORT_DECIDED, "Report " + report.id + " is " + report.state
                + (report.approvedAt == null ? "" : " since " + report.approvedAt)
                + (report.state == io.lobsterops.monitoring.domain.ReportState.CHANGES_REQUESTED
                        ? ": render it again (POST /engagements/" + report.engagementId + "/reports) before approving"
                        : "") + ".");
    }

    /** report.ready came back from the topic: notification has it now. Runs in the inbox's transaction. */
    public Uni<Void> sent(ReportReady ready) {
        return reports.findById(ready.reportId()).invoke(report -> {
            if (report != null) {
                report.sent(EscalationService.now());
            }
        }).replaceWithVoid();
    }

    @WithSession
    public Uni<MonthlyReport> find(UUID id, Optional<String> clientScope) {
        return reports.findVisible(id, clientScope)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Report", id));
    }

    @WithSession
    public Uni<List<MonthlyReport>> ofEngagement(UUID engagementId, Optional<String> clientScope) {
        return engagement(engagementId, clientScope).chain(e -> reports.ofEngagement(engagementId, clientScope));
    }

    /** The report as PDF, rendered from its stored figures off the event loop. */
    public Uni<byte[]> pdf(UUID id, Optional<String> clientScope) {
        return find(id, clientScope).chain(report -> {
            ReportFigures figures = figuresOf(report);
            return vertx.executeBlocking(Uni.createFrom().item(() -> pdf.render(ReportHtml.forPdf(figures))), false);
        });
    }

    public ReportFigures figuresOf(MonthlyReport report) {
        try {
            return json.readValue(report.figures, ReportFigures.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report " + report.id + " holds unreadable figures", e);
        }
    }

    private String write(ReportFigures figures) {
        try {
            return json.writeValueAsString(figures);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report's figures", e);
        }
    }

    /** The quarterly review's data: each month of the quarter that has begun, side by side. */
    @WithSession
    public Uni<List<ReportFigures>> quarterly(UUID engagementId, Optional<String> clientScope, List<YearMonth> months) {
        Instant now = EscalationService.now();
        YearMonth current = YearMonth.now(ZoneOffset.UTC);
        return engagement(engagementId, clientScope).chain(engagement -> {
            Uni<List<ReportFigures>> chain = Uni.createFrom().item(new ArrayList<>());
            for (YearMonth month : months.stream().filter(m -> !m.isAfter(current)).toList()) {
                chain = chain.chain(list -> figures(engagement, month, now).map(f -> {
                    list.add(f);
                    return list;
                }));
            }
            return chain;
        });
    }

    /**
     * On the 1st of each month: the month that ended, for every engagement whose agent ran, each in a transaction of
     * its own (one failure does not stop the others; an approved report is left alone).
     */
    @Scheduled(cron = "${lobsterops.monitoring.reports.cron:0 0 6 1 * ?}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> monthly() {
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        return Panache.withSession(() -> engagements.list("stage in ?1 order by engagementId", REPORTED))
                .chain(list -> Multi.createFrom().iterable(list.stream().map(e -> e.engagementId).toList())
                        .onItem().transformToUniAndConcatenate(id -> Panache.withTransaction(() -> engagements
                                .findById(id).chain(engagement -> reports.findFor(id, month.toString())
                                        .chain(existing -> existing != null && !existing.renderable()
                                                ? Uni.createFrom().voidItem()
                                                : renderIn(engagement, month, SCHEDULER).replaceWithVoid())))
                                .onFailure().recoverWithItem(failure -> {
                                    LOG.errorf(failure, "monthly report %s of engagement %s not rendered", month, id);
                                    return null;
                                }))
                        .collect().last())
                .replaceWithVoid();
    }

    /** The figures of one month, read in the caller's session, one query after the other. */
    Uni<ReportFigures> figures(MonitoredEngagement engagement, YearMonth month, Instant now) {
        UUID id = engagement.engagementId;
        Instant from = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = end.isAfter(now) ? now : end;
        LocalDate firstDay = month.atDay(1);
        LocalDate lastDay = month.atEndOfMonth();
        Builder b = new Builder();
        return gateways.ofEngagement(id).invoke(list -> b.gateways = list.stream()
                        .map(g -> new Availability.Watched(g.gatewayId, g.installedAt)).toList())
                .chain(() -> health.before(id, to)).invoke(list -> b.availability = Availability.of(b.gateways, list,
                        from, to))
                .chain(() -> escalations.raisedBetween(id, from, end)).invoke(list -> b.incidents = incidents(list))
                .chain(() -> usage.between(id, firstDay, lastDay)).invoke(list -> b.days = list)
                .chain(() -> budgets.findById(id)).invoke(budget -> b.budget = budget)
                .chain(() -> runs.between(id, from, end)).invoke(list -> b.runs = list)
                .chain(() -> changes.between(id, from, end)).invoke(list -> b.changes = list.stream()
                        .map(c -> new ReportFigures.Change(c.happenedAt, c.kind, c.summary)).toList())
                .chain(() -> proposals.ofEngagement(id)).map(list -> {
                    ReportFigures.Usage usageFigures = usage(b.days, firstDay, lastDay, b.budget);
                    ReportFigures.Runs runFigures = runs(b.runs);
                    List<String> recommendations = recommendations(b.availability, b.incidents, usageFigures,
                            runFigures, list.stream().filter(p -> p.state == ProposalState.PROPOSED).toList());
                    return new ReportFigures(id, engagement.clientId, engagement.clientName, month.toString(),
                            firstDay, lastDay, b.availability, b.incidents, usageFigures, runFigures, b.changes,
                            recommendations, now);
                });
    }

    private static final class Builder {
        List<Availability.Watched> gateways;
        ReportFigures.Availability availability;
        ReportFigures.Incidents incidents;
        List<UsageDay> days;
        TokenBudget budget;
        List<AgentRun> runs;
        List<ReportFigures.Change> changes;
    }

    static ReportFigures.Incidents incidents(List<Escalation> raised) {
        Map<String, Integer> byPriority = new LinkedHashMap<>();
        for (Priority p : Priority.values()) {
            byPriority.put(p.name(), 0);
        }
        raised.forEach(e -> byPriority.merge(e.priority.name(), 1, Integer::sum));
        List<Escalation> resolved = raised.stream().filter(e -> e.resolvedAt != null).toList();
        Long mean = resolved.isEmpty() ? null : Math.round(resolved.stream()
                .mapToLong(e -> java.time.Duration.between(e.raisedAt, e.resolvedAt).toMinutes()).average()
                .orElse(0));
        List<ReportFigures.Incident> items = raised.stream().map(e -> new ReportFigures.Incident(e.priority.name(),
                what(e.rule), e.raisedAt, e.resolvedAt)).toList();
        return new ReportFigures.Incidents(raised.size(), byPriority, resolved.size(), raised.size() - resolved.size(),
                mean, items);
    }

    /** A rule key as the client reads it (never the escalation's internal summary, which may name a host). */
    static String what(String rule) {
        String key = rule.startsWith("incident:") ? rule.substring("incident:".length()) : rule;
        return switch (key) {
            case "gateway-down" -> "Agent not answering";
            case "quality-low" -> "Answer quality below its floor";
            case "host-key-changed" -> "Server identity changed (connection refused for safety)";
            case "budget-80" -> "Token budget 80 % used";
            case "budget-100" -> "Token budget used up";
            case "usage-anomaly" -> "Unusual token use";
            case "memory-high" -> "Agent memory growing";
            case "unpriced-tokens" -> "Tokens without a price";
            case "workspace-drift" -> "Agent files changed outside a release";
            default -> Character.toUpperCase(key.charAt(0)) + key.substring(1).replace('-', ' ');
        };
    }

    static ReportFigures.Usage usage(List<UsageDay> days, LocalDate first, LocalDate last, TokenBudget budget) {
        Map<LocalDate, long[]> perDay = new TreeMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            perDay.put(d, new long[2]);
        }
        long in = 0;
        long out = 0;
        long cost = 0;
        for (UsageDay day : days) {
            long[] sums = perDay.computeIfAbsent(day.day, d -> new long[2]);
            sums[0] += day.totalTokens();
            sums[1] += day.costMicroUsd;
            in += day.inputTokens;
            out += day.outputTokens;
            cost += day.costMicroUsd;
        }
        int unpriced = (int) days.stream().filter(d -> d.unpricedTokens).map(d -> d.day).distinct().count();
        List<ReportFigures.Day> list = perDay.entrySet().stream()
                .map(e -> new ReportFigures.Day(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        long total = list.stream().mapToLong(ReportFigures.Day::tokens).sum();
        Long budgetCents = budget == null || budget.monthlyUsdCents <= 0 ? null : budget.monthlyUsdCents;
        Long percent = budgetCents == null ? null : budget.percentUsed(cost);
        return new ReportFigures.Usage(list, in, out, total, cost, unpriced, budgetCents, percent);
    }

    static ReportFigures.Runs runs(List<AgentRun> list) {
        List<AgentRun> goldSets = list.stream().filter(r -> r.activity.startsWith(RunService.GOLD_SET)).toList();
        Double last = goldSets.isEmpty() ? null : goldSets.get(goldSets.size() - 1).quality;
        return new ReportFigures.Runs(RunStats.of(list), (int) list.stream().filter(r -> !r.success).count(),
                goldSets.size(), (int) goldSets.stream().filter(r -> r.success).count(), last);
    }

    List<String> recommendations(ReportFigures.Availability availability, ReportFigures.Incidents incidents,
            ReportFigures.Usage usage, ReportFigures.Runs runs, List<OptimizerProposal> open) {
        List<String> list = new ArrayList<>();
        if (availability.percent() != null && availability.percent() < config.reports().availabilityTarget()) {
            list.add(String.format(Locale.US, "Availability was %.2f %%, under the %.1f %% target: we are looking at"
                    + " what kept the agent from answering.", availability.percent(),
                    config.reports().availabilityTarget()));
        }
        if (incidents.open() > 0) {
            list.add(incidents.open() + (incidents.open() == 1 ? " incident is" : " incidents are")
                    + " still open and followed by the agency.");
        }
        if (usage.budgetPercentUsed() != null && usage.budgetPercentUsed() >= config.usage().warnAtPercent()) {
            list.add("Tokens used " + usage.budgetPercentUsed() + " % of the monthly budget: consider a higher"
                    + " budget or a lighter model for routine work.");
        } else if (usage.budgetUsdCents() == null && usage.totalTokens() > 0) {
            list.add("No monthly token budget is set: setting one caps what the agent can spend.");
        }
        if (usage.unpricedDays() > 0) {
            list.add("The model's price was unknown on " + usage.unpricedDays()
                    + " day(s): its price list is being updated so the cost is counted.");
        }
        RunStats overall = runs.overall();
        if (overall.meanQuality() != null && overall.meanQuality() < config.escalations().qualityFloor()) {
            list.add(String.format(Locale.US, "Answer quality averaged %.2f, under the %.2f floor: an instruction"
                    + " review is recommended.", overall.meanQuality(), config.escalations().qualityFloor()));
        }
        for (OptimizerProposal proposal : open) {
            list.add(proposal.activity + ": " + proposal.rationale + " (proposed: " + proposal.proposed + ").");
        }
        if (list.isEmpty()) {
            list.add("No action needed: the agent ran within its targets.");
        }
        return list;
    }

    private Uni<MonitoredEngagement> engagement(UUID engagementId, Optional<String> clientScope) {
        return engagements.findVisible(engagementId, clientScope)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Engagement", engagementId));
    }
}
