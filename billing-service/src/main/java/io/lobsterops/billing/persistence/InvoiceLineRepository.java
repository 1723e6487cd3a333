package io.lobsterops.billing.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.billing.domain.InvoiceLine;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class InvoiceLineRepository implements PanacheRepository<InvoiceLine> {

    public Uni<List<InvoiceLine>> of(UUID invoiceId) {
        return list("invoiceId", Sort.ascending("position"), invoiceId);
    }
}
