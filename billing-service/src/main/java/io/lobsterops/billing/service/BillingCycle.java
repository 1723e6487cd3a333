package io.lobsterops.billing.service;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.lobsterops.billing.api.BillingProblems;
import io.lobsterops.billing.domain.Invoice;
import io.lobsterops.billing.persistence.BillingAccountRepository;
import io.lobsterops.billing.persistence.InvoiceRepository;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.kit.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The monthly cycle after go-live: which engagements a month bills and when (every day by the schedule for the month
 * before, or on a supervisor's run), each in its own transaction; what an invoice holds is {@link MonthlyInvoice}'s.
 * The balance invoice is {@link BalanceInvoice}'s, the final invoice at termination {@link FinalInvoice}'s, which ends
 * the cycle for its engagement. A month is billed once per engagement up to its end (the account row is locked, and
 * each periodic invoice records the service interval it billed), so the schedule and a supervisor's run can both call
 * {@link #run} any number of times; a supervisor may bill the current month so far, once, before it ends.
 */
@ApplicationScoped
public class BillingCycle {

    private static final Logger LOG = Logger.getLogger(BillingCycle.class);

    private final BillingAccountRepository accounts;
    private final InvoiceRepository invoices;
    private final MonthlyInvoice monthly;

    public BillingCycle(BillingAccountRepository accounts, InvoiceRepository invoices, MonthlyInvoice monthly) {
        this.accounts = accounts;
        this.invoices = invoices;
        this.monthly = monthly;
    }

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
            return Uni.createFrom().failure(new ProblemException(BillingProblems.MONTH_NOT_BEGUN,
                    "Month " + month + " has not begun; the cycle bills this month so far, or months that are over."));
        }
        Instant until = month.equals(current) ? Clock.now() : MonthlyInvoice.end(month);
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
                        : monthly.billPeriod(account, month, null, until)))
                .map(invoice -> invoice != null);
    }

    /** Runs every day for the month before: the first run after a month ends bills it, the others find it billed. */
    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            cron = "${lobsterops.billing.cycle-cron:0 0 6 * * ?}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        YearMonth previous = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        return run(previous).invoke(report -> LOG.infof("billing cycle %s: %d engagement(s), %d invoice(s) issued",
                report.month(), report.engagements(), report.invoicesIssued())).replaceWithVoid();
    }

    /** A run: the month, up to when it was billed (its end, or now for the current month), what was issued. */
    public record Report(String month, Instant billedThrough, int engagements, int invoicesIssued) {
    }
}
