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

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.billing.config.BillingConfig;
import io.lobsterops.billing.domain.BillingAccount;
import io.lobsterops.billing.domain.Contract;
import io.lobsterops.billing.domain.Invoice;
import io.lobsterops.billing.domain.InvoiceLine;
import io.lobsterops.billing.domain.ServicePause;
import io.lobsterops.billing.domain.UsageDay;
import io.lobsterops.billing.persistence.ContractRepository;
import io.lobsterops.billing.persistence.InvoiceRepository;
import io.lobsterops.billing.persistence.ServicePauseRepository;
import io.lobsterops.billing.persistence.UsageDayRepository;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.events.TokenPayer;
import io.smallrye.mutiny.Uni;

/**
 * What one engagement's invoice of a month holds: the maintenance fee prorated to the time in service (suspensions
 * not billed) and the usage not billed yet, with the contract's markup. {@link BillingCycle} decides when; the final
 * invoice ({@link FinalInvoice}) prices its lines the same way.
 */
@ApplicationScoped
public class MonthlyInvoice {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    private final ContractRepository contracts;
    private final InvoiceRepository invoices;
    private final ServicePauseRepository pauses;
    private final UsageDayRepository usage;
    private final ContractService contractService;
    private final InvoiceIssuer issuer;
    private final BillingConfig config;

    public MonthlyInvoice(ContractRepository contracts, InvoiceRepository invoices, ServicePauseRepository pauses,
            UsageDayRepository usage, ContractService contractService, InvoiceIssuer issuer, BillingConfig config) {
        this.contracts = contracts;
        this.invoices = invoices;
        this.pauses = pauses;
        this.usage = usage;
        this.contractService = contractService;
        this.issuer = issuer;
        this.config = config;
    }

    /**
     * The invoice of {@code month} for one engagement up to {@code until} (null when there is nothing to bill or it
     * was billed): the maintenance fee prorated to the time in service from where the month's earlier invoice stopped
     * (or go-live) to {@code until} or the termination, suspensions excluded, and the usage not billed yet — a day
     * re-sent with the same figures bills nothing, a corrected day bills the difference. A month closed before its
     * end ({@code until} before it, on a supervisor's demand) is closed so once. {@code kind} null means MAINTENANCE,
     * or USAGE when only usage is billed.
     */
    Uni<Invoice> billPeriod(BillingAccount account, YearMonth month, InvoiceKind kind, Instant until) {
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
                            days.forEach(UsageDay::billed);
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

    static Instant end(YearMonth month) {
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
}
