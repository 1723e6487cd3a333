package io.lobsterops.billing.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.lobsterops.billing.config.BillingConfig;
import io.lobsterops.billing.domain.AccountActivity;
import io.lobsterops.billing.domain.BillingAccount;
import io.lobsterops.billing.domain.Contract;
import io.lobsterops.billing.domain.Invoice;
import io.lobsterops.billing.domain.InvoiceLine;
import io.lobsterops.billing.domain.ServicePause;
import io.lobsterops.billing.domain.UsageDay;
import io.lobsterops.billing.persistence.AccountActivityRepository;
import io.lobsterops.billing.persistence.BillingAccountRepository;
import io.lobsterops.billing.persistence.ContractRepository;
import io.lobsterops.billing.persistence.InvoiceRepository;
import io.lobsterops.billing.persistence.ServicePauseRepository;
import io.lobsterops.billing.persistence.UsageDayRepository;
import io.lobsterops.events.AgentResumed;
import io.lobsterops.events.AgentStable;
import io.lobsterops.events.AgentSuspended;
import io.lobsterops.events.BalanceTrigger;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.events.TokenPayer;
import io.lobsterops.events.UsageRecorded;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * What billing does after the signature: the balance invoice when the agent is stable, the monthly maintenance
 * invoice from go-live (prorated, suspensions not billed) with the month's re-billed usage; the final invoice at
 * termination is {@link FinalInvoice}'s, and ends the cycle for its engagement. A month is billed once per
 * engagement up to its end (the account row is locked, and each periodic invoice records the service interval it
 * billed), so the schedule and a supervisor's run can both call {@link #run} any number of times; a supervisor may
 * bill the current month so far, once, before it ends.
 */
@ApplicationScoped
public class BillingCycle {

    public static final ProblemType MONTH_NOT_BEGUN = ProblemType.of("month-not-begun", "Month not begun yet", 409);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    private static final Logger LOG = Logger.getLogger(BillingCycle.class);

    private final BillingAccountRepository accounts;
    private final ContractRepository contracts;
    private final InvoiceRepository invoices;
    private final ServicePauseRepository pauses;
    private final UsageDayRepository usage;
    private final ContractService contractService;
    private final InvoiceIssuer issuer;
    private final BillingConfig config;
    private final AccountActivityRepository activity;

    public BillingCycle(AccountActivityRepository activity, BillingAccountRepository accounts, ContractRepository contracts, InvoiceRepository invoices,
            ServicePauseRepository pauses, UsageDayRepository usage, ContractService contractService,
            InvoiceIssuer issuer, BillingConfig config) {
        this.accounts = accounts;
        this.contracts = contracts;
        this.invoices = invoices;
        this.pauses = pauses;
        this.usage = usage;
        this.contractService = contractService;
        this.issuer = issuer;
        this.config = config;
        this.activity = activity;
    }

    // --- event effects, inside the inbox's transaction

    /** {@code agent.stable}: the balance is due when the contract in force says so; invoiced once. */
    public Uni<Void> agentStable(AgentStable stable) {
        return accounts.findById(stable.engagementId()).chain(account -> account == null
                ? Uni.createFrom().voidItem()
                : contracts.inForce(account.engagementId).chain(contract -> {
                    if (contract == null || contract.balanceDueOn != BalanceTrigger.AGENT_STABLE
                            || contract.balanceCents <= 0) {
                        return Uni.createFrom().voidItem();
                    }
                    return balanceInvoice(account, contract).replaceWithVoid();
                }));
    }

    /** The balance invoice of {@code contract}, unless the engagement has one already. */
    public Uni<Invoice> balanceInvoice(BillingAccount account, Contract contract) {
        return invoices.ofKind(account.engagementId, InvoiceKind.BALANCE).chain(existing -> existing != null
                ? Uni.createFrom().nullItem()
                : issuer.issue(contractService.draftFor(account, contract, InvoiceKind.BALANCE, null,
                        List.of(InvoiceLine.of("Balance (" + (100 - contract.depositPercent)
                                + " %) on the build of the " + contract.tier + " agent, on delivery", 1,
                                contract.balanceCents)))));
    }

    public static final ProblemType NOT_ON_ACCEPTANCE = ProblemType.of("balance-not-on-acceptance",
            "The balance is not due on acceptance", 409);

    /**
     * A supervisor records the client's acceptance of the delivery: the balance invoice when the contract in force
     * makes it due then. Audited on the account's timeline (who recorded it, who accepted, the note).
     */
    @WithTransaction
    public Uni<Invoice> clientAccepted(UUID engagementId, String acceptedBy, String note, String by) {
        return accounts.findById(engagementId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Engagement", engagementId))
                .chain(account -> contracts.inForce(engagementId).chain(contract -> {
                    if (contract == null || contract.balanceDueOn != BalanceTrigger.CLIENT_ACCEPTANCE) {
                        return Uni.createFrom().failure(new ProblemException(NOT_ON_ACCEPTANCE, contract == null
                                ? "Engagement " + engagementId + " has no signed contract."
                                : "The contract in force (v" + contract.version + ") bills the balance on "
                                        + contract.balanceDueOn + "."));
                    }
                    return balanceInvoice(account, contract).onItem().ifNull().failWith(() -> ProblemException
                            .conflict("The balance of engagement " + engagementId + " is already invoiced."))
                            .call(invoice -> activity.persist(new AccountActivity(engagementId,
                                    "acceptance-" + invoice.id, "Client acceptance by " + acceptedBy
                                            + " recorded by " + by + (note == null ? "" : ": " + note)
                                            + "; balance invoice " + invoice.number, Clock.now())));
                }));
    }

    public Uni<Void> suspended(AgentSuspended suspended) {
        return accounts.findById(suspended.engagementId()).chain(account -> account == null
                ? Uni.createFrom().voidItem()
                : pauses.open(account.engagementId).chain(open -> open != null ? Uni.createFrom().voidItem()
                        : pauses.persist(new ServicePause(account.engagementId, suspended.suspendedAt()))
                                .replaceWithVoid()));
    }

    public Uni<Void> resumed(AgentResumed resumed) {
        return pauses.open(resumed.engagementId()).invoke(open -> {
            if (open != null) {
                open.resumedAt = resumed.resumedAt();
            }
        }).replaceWithVoid();
    }

    /** {@code usage.recorded}: the day's figures replace the earlier ones (a replay changes nothing). */
    public Uni<Void> usageRecorded(UsageRecorded recorded) {
        return usage.findById(recorded.usageId()).chain(day -> {
            if (day != null && recorded.recordedAt().isBefore(day.recordedAt)) {
                return Uni.createFrom().voidItem();   // an older count arriving late
            }
            UsageDay target = day == null ? new UsageDay() : day;
            target.usageId = recorded.usageId();
            target.engagementId = recorded.engagementId();
            target.clientId = recorded.clientId();
            target.agentId = recorded.agentId();
            target.day = recorded.day();
            target.model = recorded.model();
            target.inputTokens = recorded.inputTokens();
            target.outputTokens = recorded.outputTokens();
            target.costMicroUsd = recorded.costMicroUsd();
            target.unpricedTokens = recorded.unpricedTokens();
            target.recordedAt = recorded.recordedAt();
            return day == null ? usage.persist(target).replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }

    // --- the monthly cycle

    /**
     * Bills {@code month} for every engagement in service during it. A month that is over is billed to its end, once
     * per engagement: a second run finds it billed. The current month is billed on a supervisor's demand for what was
     * in service so far, once; the run after it ends bills the rest of it.
     */
    public Uni<Report> run(YearMonth month) {
        return run(month, Optional.empty());
    }

    /** {@link #run(YearMonth)} for one engagement only when {@code engagementId} is given (404 when unknown). */
    public Uni<Report> run(YearMonth month, Optional<UUID> engagementId) {
        YearMonth current = YearMonth.now(ZoneOffset.UTC);
        if (month.isAfter(current)) {
            return Uni.createFrom().failure(new ProblemException(MONTH_NOT_BEGUN,
                    "Month " + month + " has not begun; the cycle bills this month so far, or months that are over."));
        }
        Instant until = month.equals(current) ? Clock.now() : end(month);
        Uni<List<UUID>> due = engagementId.isEmpty() ? dueIn(until) : dueIn(until, engagementId.get());
        return due.chain(ids -> Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> bill(id, month, until).onFailure().recoverWithItem(e -> {
                    LOG.warnf("billing %s for engagement %s failed: %s", month, id, e.getMessage());
                    return false;
                }))
                .collect().asList()
                .map(billed -> new Report(month.toString(), until, ids.size(),
                        (int) billed.stream().filter(Boolean::booleanValue).count())));
    }

    /** The engagements in service before {@code until} and not terminated before it (a final invoice bills those). */
    @WithSession
    Uni<List<UUID>> dueIn(Instant until) {
        return accounts.find("select a.engagementId from BillingAccount a where a.liveSince is not null"
                + " and a.liveSince < :until and (a.terminatedAt is null or a.terminatedAt >= :until)"
                + " order by a.liveSince", Parameters.with("until", until)).project(UUID.class).list();
    }

    /** {@code engagementId} when it is due (see {@link #dueIn(Instant)}); 404 when billing does not know it. */
    @WithSession
    Uni<List<UUID>> dueIn(Instant until, UUID engagementId) {
        return accounts.findById(engagementId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Engagement", engagementId))
                .map(account -> account.liveSince != null && account.liveSince.isBefore(until)
                        && (account.terminatedAt == null || !account.terminatedAt.isBefore(until))
                                ? List.of(engagementId) : List.<UUID> of());
    }

    /** One engagement's month; nothing once its final invoice ended the subscription ({@link FinalInvoice}). */
    @WithTransaction
    Uni<Boolean> bill(UUID engagementId, YearMonth month, Instant until) {
        return accounts.findById(engagementId, LockModeType.PESSIMISTIC_WRITE)
                .chain(account -> invoices.ofKind(engagementId, InvoiceKind.FINAL).chain(closed -> closed != null
                        ? Uni.createFrom().<Invoice> nullItem()
                        : billPeriod(account, month, null, until)))
                .map(invoice -> invoice != null);
    }

    /** Runs every day for the month before: the first run after a month ends bills it, the others find it billed. */
    @Scheduled(cron = "${lobsterops.billing.cycle-cron:0 0 6 * * ?}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        YearMonth previous = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        return run(previous).invoke(report -> LOG.infof("billing cycle %s: %d engagement(s), %d invoice(s) issued",
                report.month(), report.engagements(), report.invoicesIssued())).replaceWithVoid();
    }

    /**
     * The invoice of {@code month} for one engagement up to {@code until} (null when there is nothing to bill or it
     * was billed): the maintenance fee prorated to the time in service from where the month's earlier invoice stopped
     * (or go-live) to {@code until} or the termination, suspensions excluded, and the usage not billed yet — a day
     * re-sent with the same figures bills nothing, a corrected day bills the difference. A month closed before its
     * end ({@code until} before it, on a supervisor's demand) is closed so once. {@code kind} null means MAINTENANCE,
     * or USAGE when only usage is billed.
     */
    private Uni<Invoice> billPeriod(BillingAccount account, YearMonth month, InvoiceKind kind, Instant until) {
        String period = month.toString();
        Instant monthStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant monthEnd = end(month);
        boolean early = until.isBefore(monthEnd) && kind == null;
        return invoices.ofPeriod(account.engagementId, period).chain(billed -> {
            if (early && !billed.isEmpty()) {
                return Uni.createFrom().nullItem();   // the current month is billed early once; the rest at its end
            }
            Instant from = later(monthStart, account.liveSince);
            for (Invoice earlier : billed) {
                from = later(from, earlier.serviceTo == null ? monthEnd : earlier.serviceTo);
            }
            Instant to = account.terminatedAt == null ? until : earlier(until, account.terminatedAt);
            if (!from.isBefore(to)) {
                return Uni.createFrom().nullItem();   // billed up to its end already
            }
            Instant serviceFrom = from;
            return contracts.inForce(account.engagementId).chain(contract -> contract == null
                    ? Uni.createFrom().nullItem()
                    : pauses.of(account.engagementId).chain(paused -> {
                        List<InvoiceLine> lines = new ArrayList<>();
                        long active = activeSeconds(serviceFrom, to, paused);
                        long monthSeconds = Duration.between(monthStart, monthEnd).toSeconds();
                        if (active > 0 && contract.maintenanceMonthlyCents > 0) {
                            long fee = Math.round(contract.maintenanceMonthlyCents * (double) active / monthSeconds);
                            lines.add(InvoiceLine.of("Maintenance " + period
                                    + share(serviceFrom, to, monthStart, monthEnd, active, month), 1, fee));
                        }
                        boolean maintenance = !lines.isEmpty();
                        LocalDate lastDay = to.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
                        Uni<List<UsageDay>> rebilled = contract.tokenPayer == TokenPayer.AGENCY
                                ? usage.unbilled(account.engagementId, lastDay)
                                : Uni.createFrom().item(List.of());
                        return rebilled.chain(days -> {
                            for (UsageDay day : days) {
                                lines.add(usageLine(day, contract));
                            }
                            long subtotal = lines.stream().mapToLong(line -> line.amountCents).sum();
                            if (lines.isEmpty() || subtotal <= 0) {
                                return Uni.createFrom().nullItem();   // never a zero invoice
                            }
                            days.forEach(day -> day.billedMicroUsd = day.costMicroUsd);
                            InvoiceKind issued = kind != null ? kind
                                    : maintenance ? InvoiceKind.MAINTENANCE : InvoiceKind.USAGE;
                            return issuer.issue(contractService.draftFor(account, contract, issued, period, lines)
                                    .serving(serviceFrom, to));
                        });
                    }));
        });
    }

    /** How much of the month a maintenance line bills, when not all of it: the interval and the days in service. */
    static String share(Instant from, Instant to, Instant monthStart, Instant monthEnd, long active,
            YearMonth month) {
        if (active == Duration.between(monthStart, monthEnd).toSeconds()) {
            return "";
        }
        String interval = from.equals(monthStart) && to.equals(monthEnd) ? ""
                : MINUTE.format(from) + " to " + MINUTE.format(to) + " UTC, ";
        return String.format(Locale.ROOT, " (%s%.1f of %d days in service)", interval, active / 86_400.0,
                month.lengthOfMonth());
    }

    private static Instant end(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** One usage day's unbilled cost with the contract's markup, in the contract's currency. */
    InvoiceLine usageLine(UsageDay day, Contract contract) {
        long delta = day.unbilledMicroUsd();
        BigDecimal rate = config.usdRates().getOrDefault(contract.currency, BigDecimal.ONE);
        long cents = BigDecimal.valueOf(delta)
                .multiply(BigDecimal.valueOf(10_000L + contract.tokenMarkupBasisPoints))
                .multiply(rate)
                .divide(BigDecimal.valueOf(10_000L * 10_000L), 0, RoundingMode.HALF_UP)
                .longValueExact();
        String what = "Model usage, agent " + day.agentId + ", " + day.day
                + (day.model == null ? "" : " (" + day.model + ")")
                + String.format(Locale.ROOT, ": %.4f USD", delta / 1_000_000.0)
                + (contract.tokenMarkupBasisPoints == 0 ? ""
                        : String.format(Locale.ROOT, " + %.2f %% markup", contract.tokenMarkupBasisPoints / 100.0))
                + (day.billedMicroUsd != 0 ? ", correction of an earlier count" : "")
                + (day.unpricedTokens ? ", some tokens unpriced" : "");
        return InvoiceLine.usage(what, cents, day.usageId, delta);
    }

    static long activeSeconds(Instant from, Instant to, List<ServicePause> paused) {
        if (!from.isBefore(to)) {
            return 0;
        }
        long active = Duration.between(from, to).toSeconds();
        for (ServicePause pause : paused) {
            Instant start = later(from, pause.pausedAt);
            Instant end = pause.resumedAt == null ? to : earlier(to, pause.resumedAt);
            if (start.isBefore(end)) {
                active -= Duration.between(start, end).toSeconds();
            }
        }
        return Math.max(0, active);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** A run: the month, up to when it was billed (its end, or now for the current month), what was issued. */
    public record Report(String month, Instant billedThrough, int engagements, int invoicesIssued) {
    }
}
