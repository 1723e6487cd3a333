package io.lobsterops.monitoring.persistence;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.monitoring.domain.KnownInvoice;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class KnownInvoiceRepository implements PanacheRepositoryBase<KnownInvoice, UUID> {

    /** Unpaid invoices due before {@code today}, the oldest due first. */
    public Uni<List<KnownInvoice>> overdueOn(LocalDate today) {
        return list("paidAt is null and dueOn < ?1 and totalCents > 0 order by dueOn, number", today);
    }
}
