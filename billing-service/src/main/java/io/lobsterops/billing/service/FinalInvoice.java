package io.lobsterops.billing.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.lobsterops.billing.domain.AccountActivity;
import io.lobsterops.billing.domain.BillingAccount;
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
import io.lobsterops.events.AgentTerminated;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.events.Stage;
import io.lobsterops.events.TokenPayer;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.smallrye.mutiny.Uni;

/**
 * The end of an engagement's billing (ADR 0048): when its agent is terminated ({@code agent.terminated}, or the stage
 * change to TERMINATED that follows it — whichever comes first), one FINAL invoice bills everything not billed yet up
 * to the termination: the maintenance fee from where the last periodic invoice stopped (or go-live), one line per
 * month, prorated to the second with suspensions excluded, and every usage day not billed yet. The maintenance
 * subscription ends with it: a cycle run issues nothing for an engagement that has its final invoice
 * ({@link BillingCycle#bill}). Exactly once: the account row is locked as a cycle run locks it, a final invoice
 * already issued makes any later call (a duplicate, a replay with a new id, the other of the two events) do nothing,
 * and the database holds one FINAL per engagement. Runs inside the inbox's transaction.
 */
@ApplicationScoped
public class FinalInvoice {

    private static final Logger LOG = Logger.getLogger(FinalInvoice.class);

    private final BillingAccountRepository accounts;
    private final ContractRepository contracts;
    private final InvoiceRepository invoices;
    private final ServicePauseRepository pauses;
    private final UsageDayRepository usage;
    private final ContractService contractService;
    private final InvoiceIssuer issuer;
    private final MonthlyInvoice monthly;
    private final AccountActivityRepository activity;

    public FinalInvoice(BillingAccountRepository accounts, ContractRepository contracts, InvoiceRepository invoices,
            ServicePauseRepository pauses, UsageDayRepository usage, ContractService contractService,
            InvoiceIssuer issuer, MonthlyInvoice monthly, AccountActivityRepository activity) {
        this.accounts = accounts;
        this.contracts = contracts;
        this.invoices = invoices;
        this.pauses = pauses;
        this.usage = usage;
        this.contractService = contractService;
        this.issuer = issuer;
        this.monthly = monthly;
        this.activity = activity;
    }

    /**
     * {@code agent.terminated}: the account follows the engagement to TERMINATED at the termination's time (an earlier
     * termination time already recorded stands), the fact goes on the account's timeline — without the internal
     * reason, which the client's view of its timeline would show — and the final invoice is issued.
     */
    public Uni<Void> agentTerminated(ReceivedEvent event, AgentTerminated terminated) {
        return accounts.findById(terminated.engagementId(), LockModeType.PESSIMISTIC_WRITE).chain(account -> {
            if (account == null) {
                LOG.warnf("agent.terminated %s for engagement %s, which billing never opened: nothing to bill",
                        event.id(), terminated.engagementId());
                return Uni.createFrom().voidItem();
            }
            Instant at = terminated.terminatedAt() == null ? Clock.now() : terminated.terminatedAt();
            account.engagementMovedTo(Stage.TERMINATED, at);
            return activity.persist(new AccountActivity(account.engagementId, event.id(),
                    "Agent terminated: the service ends on " + account.terminatedAt, at))
                    .chain(() -> issue(account)).replaceWithVoid();
        });
    }

    /** The stage change to TERMINATED (after {@code AccountService#stageChanged}, which locked the account). */
    public Uni<Void> stageTerminated(UUID engagementId) {
        return accounts.findById(engagementId, LockModeType.PESSIMISTIC_WRITE)
                .chain(account -> account == null ? Uni.createFrom().voidItem() : issue(account).replaceWithVoid());
    }

    /** The final invoice of a terminated account, or null: not terminated, issued already, or nothing to bill. */
    Uni<Invoice> issue(BillingAccount account) {
        if (account.terminatedAt == null) {
            return Uni.createFrom().nullItem();
        }
        UUID engagementId = account.engagementId;
        return invoices.ofKind(engagementId, InvoiceKind.FINAL).chain(existing -> existing != null
                ? Uni.createFrom().nullItem()
                : contracts.inForce(engagementId).chain(contract -> contract == null
                        ? Uni.createFrom().nullItem()
                        : billedUpTo(account).chain(from -> pauses.of(engagementId).chain(paused -> {
                            Instant to = account.terminatedAt;
                            List<InvoiceLine> lines = new ArrayList<>();
                            if (from != null && contract.maintenanceMonthlyCents > 0) {
                                lines.addAll(maintenance(from, to, paused, contract.maintenanceMonthlyCents));
                            }
                            LocalDate lastDay = to.minusNanos(1).atZone(ZoneOffset.UTC).toLocalDate();
                            Uni<List<UsageDay>> rebilled = contract.tokenPayer == TokenPayer.AGENCY
                                    ? usage.unbilled(engagementId, lastDay)
                                    : Uni.createFrom().item(List.of());
                            return rebilled.chain(days -> {
                                for (UsageDay day : days) {
                                    lines.add(monthly.usageLine(day, contract));
                                }
                                long subtotal = lines.stream().mapToLong(line -> line.amountCents).sum();
                                if (lines.isEmpty() || subtotal <= 0) {
                                    LOG.infof("engagement %s terminated with nothing left to bill", engagementId);
                                    return Uni.createFrom().nullItem();   // never a zero invoice
                                }
                                days.forEach(UsageDay::billed);
                                String period = YearMonth.from(to.minusNanos(1).atZone(ZoneOffset.UTC)).toString();
                                Instant serviceFrom = from == null || !from.isBefore(to) ? to : from;
                                return issuer.issue(contractService.draftFor(account, contract, InvoiceKind.FINAL,
                                        period, lines).serving(serviceFrom, to));
                            });
                        }))));
    }

    /**
     * Where the maintenance fee still to bill starts: the end of the latest periodic invoice (one issued before the
     * service interval was recorded billed its whole month), or go-live; null when the agent never went live.
     */
    private Uni<Instant> billedUpTo(BillingAccount account) {
        if (account.liveSince == null) {
            return Uni.createFrom().nullItem();
        }
        return invoices.list("engagementId = ?1 and kind in ?2", account.engagementId,
                List.of(InvoiceKind.MAINTENANCE, InvoiceKind.USAGE)).map(billed -> {
                    Instant from = account.liveSince;
                    for (Invoice invoice : billed) {
                        Instant end = invoice.serviceTo != null ? invoice.serviceTo
                                : invoice.period == null ? null : monthEnd(YearMonth.parse(invoice.period));
                        if (end != null && end.isAfter(from)) {
                            from = end;
                        }
                    }
                    return from;
                });
    }

    /** One maintenance line per month from {@code from} to {@code to}, each prorated to its time in service. */
    static List<InvoiceLine> maintenance(Instant from, Instant to, List<ServicePause> paused, long monthlyCents) {
        List<InvoiceLine> lines = new ArrayList<>();
        YearMonth month = YearMonth.from(from.atZone(ZoneOffset.UTC));
        while (from.isBefore(to)) {
            Instant monthStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant monthEnd = monthEnd(month);
            Instant until = to.isBefore(monthEnd) ? to : monthEnd;
            long active = MonthlyInvoice.activeSeconds(from, until, paused);
            if (active > 0) {
                long monthSeconds = Duration.between(monthStart, monthEnd).toSeconds();
                long fee = Math.round(monthlyCents * (double) active / monthSeconds);
                lines.add(InvoiceLine.of("Maintenance " + month
                        + MonthlyInvoice.share(from, until, monthStart, monthEnd, active, month), 1, fee));
            }
            from = until;
            month = month.plusMonths(1);
        }
        return lines;
    }

    private static Instant monthEnd(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
