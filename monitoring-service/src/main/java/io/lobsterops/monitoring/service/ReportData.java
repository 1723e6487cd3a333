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
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.Priority;
import io.lobsterops.monitoring.config.MonitoringConfig;
import io.lobsterops.monitoring.domain.AgentRun;
import io.lobsterops.monitoring.domain.Availability;
import io.lobsterops.monitoring.domain.Escalation;
import io.lobsterops.monitoring.domain.MonitoredEngagement;
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
import io.lobsterops.monitoring.persistence.MonitoredGatewayRepository;
import io.lobsterops.monitoring.persistence.OptimizerProposalRepository;
import io.lobsterops.monitoring.persistence.TokenBudgetRepository;
import io.lobsterops.monitoring.persistence.UsageDayRepository;
import io.smallrye.mutiny.Uni;

/**
 * A month's figures for the report and the quarterly review, gathered from monitoring's own records (ADR 0034):
 * availability, incidents as the client reads them, usage against the budget, runs and gold sets, what changed, and
 * the recommendations they lead to.
 */
@ApplicationScoped
public class ReportData {

    private final MonitoredGatewayRepository gateways;
    private final HealthChangeRepository health;
    private final EscalationRepository escalations;
    private final UsageDayRepository usage;
    private final AgentRunRepository runs;
    private final EngagementChangeRepository changes;
    private final TokenBudgetRepository budgets;
    private final OptimizerProposalRepository proposals;
    private final MonitoringConfig config;

    public ReportData(MonitoredGatewayRepository gateways, HealthChangeRepository health,
            EscalationRepository escalations, UsageDayRepository usage, AgentRunRepository runs,
            EngagementChangeRepository changes, TokenBudgetRepository budgets, OptimizerProposalRepository proposals,
            MonitoringConfig config) {
        this.gateways = gateways;
        this.health = health;
        this.escalations = escalations;
        this.usage = usage;
        this.runs = runs;
        this.changes = changes;
        this.budgets = budgets;
        this.proposals = proposals;
        this.config = config;
    }

    /** Each month of {@code months} that has begun, side by side, read in the caller's session. */
    Uni<List<ReportFigures>> quarterly(MonitoredEngagement engagement, List<YearMonth> months) {
        Instant now = EscalationService.now();
        YearMonth current = YearMonth.now(ZoneOffset.UTC);
        Uni<List<ReportFigures>> chain = Uni.createFrom().item(new ArrayList<>());
        for (YearMonth month : months.stream().filter(m -> !m.isAfter(current)).toList()) {
            chain = chain.chain(list -> figures(engagement, month, now).map(f -> {
                list.add(f);
                return list;
            }));
        }
        return chain;
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
}
