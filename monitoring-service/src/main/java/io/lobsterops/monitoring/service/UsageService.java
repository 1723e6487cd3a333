package io.lobsterops.monitoring.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.events.AgentPauseRequested;
import io.lobsterops.events.ContractSigned;
import io.lobsterops.events.UsageRecorded;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.messaging.Outbox;
import io.lobsterops.monitoring.config.MonitoringConfig;
import io.lobsterops.monitoring.domain.EscalationRule;
import io.lobsterops.monitoring.domain.Finding;
import io.lobsterops.monitoring.domain.MonitoredGateway;
import io.lobsterops.monitoring.domain.TokenBudget;
import io.lobsterops.monitoring.domain.UsageDay;
import io.lobsterops.monitoring.domain.UsageReading;
import io.lobsterops.monitoring.persistence.MonitoredEngagementRepository;
import io.lobsterops.monitoring.persistence.MonitoredGatewayRepository;
import io.lobsterops.monitoring.persistence.TokenBudgetRepository;
import io.lobsterops.monitoring.persistence.UsageDayRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Usage per client/agent/UTC day, read from the gateway's own records. A re-read day replaces its figures (its id is
 * deterministic) and publishes usage.recorded only when something changed. The cost rules run on every reading:
 * unpriced tokens, the monthly budget (80 % → P2; 100 % → P1 and, where the contract says so, a pause request that
 * provisioning enforces through the kill switch) and a day far above the trailing median.
 */
@ApplicationScoped
public class UsageService {

    private static final Logger LOG = Logger.getLogger(UsageService.class);
    public static final String BUDGET_RULE_ACTOR = "monitoring-service (budget rule)";

    private final UsageDayRepository days;
    private final TokenBudgetRepository budgets;
    private final MonitoredGatewayRepository gateways;
    private final MonitoredEngagementRepository engagements;
    private final EscalationService escalations;
    private final Outbox outbox;
    private final MonitoringConfig config;

    public UsageService(UsageDayRepository days, TokenBudgetRepository budgets, MonitoredGatewayRepository gateways,
            MonitoredEngagementRepository engagements, EscalationService escalations, Outbox outbox,
            MonitoringConfig config) {
        this.days = days;
        this.budgets = budgets;
        this.gateways = gateways;
        this.engagements = engagements;
        this.escalations = escalations;
        this.outbox = outbox;
        this.config = config;
    }

    /** One reading of a gateway's usage (every agent, the days it covers), in one transaction. */
    @WithTransaction
    public Uni<Void> record(UUID gatewayId, List<UsageReading> readings) {
        Instant now = EscalationService.now();
        return gateways.findById(gatewayId).chain(gateway -> {
            if (gateway == null) {
                return Uni.createFrom().voidItem();
            }
            List<UsageDay> changed = new ArrayList<>();
            return Multi.createFrom().iterable(readings)
                    .onItem().transformToUniAndConcatenate(reading -> upsert(gateway, reading, now)
                            .invoke(day -> { if (day != null) { changed.add(day); } }))
                    .collect().last()
                    .chain(() -> Multi.createFrom().iterable(changed)
                            .onItem().transformToUniAndConcatenate(day -> publish(day, now)
                                    .chain(() -> dayRules(day)))
                            .collect().last())
                    .chain(() -> budgetRules(gateway.engagementId, gateway.clientId, now.atOffset(
                            java.time.ZoneOffset.UTC).toLocalDate()));
        }).replaceWithVoid();
    }

    /** The stored day when the reading changed it, null when it was the same. */
    private Uni<UsageDay> upsert(MonitoredGateway gateway, UsageReading reading, Instant now) {
        return days.findById(UsageDay.idOf(gateway.gatewayId, reading.agentId(), reading.day())).chain(existing -> {
            if (existing == null) {
                UsageDay day = UsageDay.of(gateway, reading, now);
                return days.persist(day);
            }
            return Uni.createFrom().item(existing.replaceWith(reading, now) ? existing : null);
        });
    }

    private Uni<Void> publish(UsageDay day, Instant now) {
        return outbox.append(new UsageRecorded(day.engagementId, day.clientId, day.id, day.gatewayId, day.agentId,
                day.day, day.model, day.inputTokens, day.outputTokens, day.cacheReadTokens, day.cacheWriteTokens,
                day.costMicroUsd, day.unpricedTokens, day.finalForDay, now)).replaceWithVoid();
    }

    private Uni<Void> dayRules(UsageDay day) {
        Uni<Void> unpriced = !day.unpricedTokens ? Uni.createFrom().voidItem()
                : escalations.fire(Finding.of(day.engagementId, day.clientId, EscalationRule.UNPRICED_TOKENS,
                        day.totalTokens() + " tokens of agent " + day.agentId + " on " + day.day + " cost $0",
                        "Model " + day.model + " spent tokens the gateway priced at zero: a model missing from the"
                                + " price table, so billing would re-bill nothing.",
                        "nothing: the usage is recorded as read",
                        List.of("add the model's price to the gateway's provider configuration",
                                "confirm the client pays this provider directly"),
                        "add the model's price; the next reading corrects the day"))
                        .replaceWithVoid();
        return unpriced.chain(() -> days.dailyCostsBefore(day.engagementId, day.day, 28).chain(history -> {
            Optional<Finding> anomaly = anomaly(day, history);
            return anomaly.isEmpty() ? Uni.createFrom().voidItem() : escalations.fire(anomaly.get()).replaceWithVoid();
        }));
    }

    Optional<Finding> anomaly(UsageDay day, List<Long> history) {
        if (history.size() < config.escalations().anomalyHistoryDays()) {
            return Optional.empty();
        }
        long median = median(history);
        double limit = config.escalations().anomalyFactor() * median;
        if (median <= 0 || day.costMicroUsd <= limit) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(day.engagementId, day.clientId, EscalationRule.USAGE_ANOMALY,
                "Agent " + day.agentId + " cost " + dollars(day.costMicroUsd) + " on " + day.day + ", "
                        + Math.round((double) day.costMicroUsd / median) + "× its usual day",
                "Trailing median " + dollars(median) + " over " + history.size() + " days; threshold "
                        + config.escalations().anomalyFactor() + "×.",
                "nothing automatic",
                List.of("read the day's sessions for a loop (heartbeat, cron, a tool retrying)",
                        "lower the heartbeat cadence", "pause the agent if it keeps spending"),
                "look for a runaway heartbeat or cron job"));
    }

    private Uni<Void> budgetRules(UUID engagementId, String clientId, LocalDate today) {
        YearMonth month = YearMonth.from(today);
        return budgets.findById(engagementId).chain(budget -> {
            if (budget == null || budget.monthlyUsdCents <= 0) {
                return Uni.createFrom().voidItem();
            }
            return days.costBetween(engagementId, month.atDay(1), month.atEndOfMonth())
                    .chain(spent -> budgetFindings(budget, spent, month));
        });
    }

    private Uni<Void> budgetFindings(TokenBudget budget, long spentMicroUsd, YearMonth month) {
        long percent = budget.percentUsed(spentMicroUsd);
        String spent = dollars(spentMicroUsd) + " of " + dollars(budget.monthlyUsdCents * 10_000) + " (" + percent
                + " %) in " + month;
        if (percent >= 100) {
            Finding exceeded = Finding.of(budget.engagementId, budget.clientId, EscalationRule.BUDGET_EXCEEDED,
                    "Token budget spent: " + spent,
                    "The monthly model budget (" + budget.source.name().toLowerCase() + ") is used up.",
                    budget.pauseAtBudget ? "the agent is paused through the kill switch, as the contract says"
                            : "nothing: the contract does not pause the agent at its budget",
                    List.of("raise the budget with the client", "resume the agent once agreed",
                            "lower the agent's cadence or model"),
                    budget.pauseAtBudget ? "agree a higher budget with the client before resuming"
                            : "tell the client and agree whether to pause");
            return escalations.fire(exceeded).chain(raised -> !raised.isNew() || !budget.pauseAtBudget
                    ? Uni.createFrom().voidItem()
                    : outbox.append(new AgentPauseRequested(budget.engagementId, budget.clientId,
                            EscalationRule.BUDGET_EXCEEDED.key(), "token budget spent: " + spent,
                            BUDGET_RULE_ACTOR, EscalationService.now())).invoke(() -> LOG.infof(
                                    "engagement %s: budget spent, pause requested", budget.engagementId))
                            .replaceWithVoid());
        }
        if (percent >= config.usage().warnAtPercent()) {
            return escalations.fire(Finding.of(budget.engagementId, budget.clientId, EscalationRule.BUDGET_WARNING,
                    "Token budget at " + percent + " %: " + spent,
                    "The monthly model budget is nearly used up.", "nothing yet",
                    List.of("tell the client", "lower the agent's cadence or model", "raise the budget"),
                    "tell the client before it runs out")).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    /** contract.signed: the contract's monthly budget and whether it pauses the agent replace what was set. */
    public Uni<Void> contractSigned(ContractSigned signed) {
        return budgets.findById(signed.engagementId()).chain(existing -> {
            TokenBudget budget = existing != null ? existing : TokenBudget.of(signed.engagementId(), signed.clientId());
            budget.set(signed.monthlyTokenBudgetUsdCents(), signed.pauseAtBudget(), TokenBudget.Source.CONTRACT,
                    signed.signedBy(), signed.signedAt());
            return existing != null ? Uni.createFrom().voidItem() : budgets.persist(budget).replaceWithVoid();
        });
    }

    /** A supervisor sets the budget meanwhile (before a contract says it, or an agreed change). */
    @WithTransaction
    public Uni<TokenBudget> setBudget(UUID engagementId, long monthlyUsdCents, boolean pauseAtBudget, String by) {
        return engagements.findById(engagementId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Engagement", engagementId))
                .chain(engagement -> budgets.findById(engagementId).chain(existing -> {
                    TokenBudget budget = existing != null ? existing : TokenBudget.of(engagementId, engagement.clientId);
                    budget.set(monthlyUsdCents, pauseAtBudget, TokenBudget.Source.SUPERVISOR, by,
                            EscalationService.now());
                    return existing != null ? Uni.createFrom().item(budget) : budgets.persist(budget);
                }));
    }

    @WithSession
    public Uni<List<UsageDay>> usage(UUID engagementId, LocalDate from, LocalDate to) {
        return days.between(engagementId, from, to);
    }

    @WithSession
    public Uni<TokenBudget> budget(UUID engagementId) {
        return budgets.findById(engagementId);
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String dollars(long microUsd) {
        return String.format(java.util.Locale.ROOT, "$%.2f", microUsd / 1_000_000.0);
    }
}
