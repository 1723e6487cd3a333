package io.lobsterops.billing.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.lobsterops.billing.domain.Invoice;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.kit.persistence.ClientScoped;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Invoices, read within the caller's tenant scope; numbers come from the locked per-year row. */
@ApplicationScoped
public class InvoiceRepository implements ClientScoped<Invoice, UUID> {

    private static final String NEXT_NUMBER = """
            insert into invoice_number (year, last_number) values (?1, 1)
            on conflict (year) do update set last_number = invoice_number.last_number + 1
            returning last_number""";

    /**
     * The next sequence number of {@code year}. The row stays locked until the calling transaction ends, so numbers
     * are handed out one transaction at a time, and a rolled-back issue gives its number back: no holes.
     */
    public Uni<Integer> nextSequence(int year) {
        return Panache.getSession().chain(session -> session.createNativeQuery(NEXT_NUMBER, Integer.class)
                .setParameter(1, year).getSingleResult());
    }

    public Uni<List<Invoice>> ofEngagement(UUID engagementId, Optional<String> clientScope) {
        Sort order = Sort.ascending("issuedAt").and("sequence");
        if (clientScope.isEmpty()) {
            return list("engagementId", order, engagementId);
        }
        return list("engagementId = :id and clientId = :client", order,
                Parameters.with("id", engagementId).and("client", clientScope.get()));
    }

    public Uni<Invoice> forUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<Invoice> ofKind(UUID engagementId, InvoiceKind kind) {
        return find("engagementId = :id and kind = :kind", Parameters.with("id", engagementId).and("kind", kind))
                .firstResult();
    }

    /** The maintenance, usage and final invoices of an engagement for a month ({@code yyyy-MM}). */
    public Uni<List<Invoice>> ofPeriod(UUID engagementId, String period) {
        return list("engagementId = :id and period = :period and kind in :kinds",
                Parameters.with("id", engagementId).and("period", period)
                        .and("kinds", List.of(InvoiceKind.MAINTENANCE, InvoiceKind.USAGE, InvoiceKind.FINAL)));
    }

    /** Payable invoices still without a payment link, oldest first. */
    public Uni<List<UUID>> awaitingLink(Instant issuedBefore, int limit) {
        return find("select i.id from Invoice i where i.status = :issued and i.stripeSessionId is null"
                + " and i.kind <> :credit and i.totalCents > 0 and i.issuedAt < :before order by i.issuedAt",
                Parameters.with("issued", Invoice.InvoiceStatus.ISSUED).and("credit", InvoiceKind.CREDIT_NOTE)
                        .and("before", issuedBefore))
                .project(UUID.class).page(0, limit).list();
    }

    public Uni<List<Invoice>> issuedIn(int year, int month) {
        Instant from = java.time.LocalDate.of(year, month, 1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        Instant to = java.time.LocalDate.of(year, month, 1).plusMonths(1).atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant();
        return list("issuedAt >= :from and issuedAt < :to", Sort.ascending("year").and("sequence"),
                Parameters.with("from", from).and("to", to));
    }
}
