package io.lobsterops.billing.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.billing.config.BillingConfig;
import io.lobsterops.billing.domain.BillingAccount;
import io.lobsterops.billing.domain.Invoice;
import io.lobsterops.billing.domain.InvoiceLine;
import io.lobsterops.billing.persistence.InvoiceLineRepository;
import io.lobsterops.billing.persistence.InvoiceRepository;
import io.lobsterops.events.InvoiceIssued;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.kit.messaging.Outbox;
import io.smallrye.mutiny.Uni;

/**
 * Issues invoices inside the caller's transaction: the year's numbering row is incremented (and locked) there, so
 * numbers are gapless across every kind; the seller's mentions and the client's VAT rate are copied onto the invoice.
 * A payable invoice announces itself ({@code invoice.issued}) once its payment link exists ({@link PaymentLinks}); a
 * credit note, or any invoice when Stripe is not configured, at once.
 */
@ApplicationScoped
public class InvoiceIssuer {

    private final InvoiceRepository invoices;
    private final InvoiceLineRepository lines;
    private final Outbox outbox;
    private final BillingConfig config;

    public InvoiceIssuer(InvoiceRepository invoices, InvoiceLineRepository lines, Outbox outbox, BillingConfig config) {
        this.invoices = invoices;
        this.lines = lines;
        this.outbox = outbox;
        this.config = config;
    }

    /** The VAT rate of a client country in basis points, or null when the country is not configured. */
    public Integer vatRate(String country) {
        return config.vatRates().get(country);
    }

    public Uni<Invoice> issue(Draft draft) {
        Instant now = Clock.now();
        int year = now.atZone(ZoneOffset.UTC).getYear();
        Invoice.Seller seller = new Invoice.Seller(config.seller().name(), config.seller().address(),
                config.seller().legalMentions());
        Invoice.Terms terms = new Invoice.Terms(draft.account(), draft.contractId(), draft.kind(), draft.period(),
                draft.serviceFrom(), draft.serviceTo(), draft.creditedInvoiceId(), draft.reason(), draft.currency(),
                draft.clientCountry(), draft.vatRateBasisPoints(), draft.paymentTermsDays());
        return invoices.nextSequence(year).chain(sequence -> invoices.persist(Invoice.issued(terms, seller,
                config.invoicePrefix(), sequence, draft.lines(), now)))
                .call(() -> lines.persist(draft.lines()))
                .call(invoice -> invoice.isPayable() && config.stripe().apiKey().isPresent()
                        ? Uni.createFrom().voidItem()
                        : announce(invoice));
    }

    /** {@code invoice.issued}, with the payment link when there is one. */
    public Uni<Void> announce(Invoice invoice) {
        return outbox.append(new InvoiceIssued(invoice.engagementId, invoice.clientId, invoice.id, invoice.number,
                invoice.kind, invoice.totalCents, invoice.currency, invoice.dueOn, invoice.paymentUrl,
                invoice.issuedAt)).replaceWithVoid();
    }

    /**
     * An invoice to issue: who, what, at which VAT rate, with which lines; a periodic invoice also names its month
     * and the service interval it bills, [serviceFrom, serviceTo).
     */
    public record Draft(BillingAccount account, UUID contractId, InvoiceKind kind, String period,
            UUID creditedInvoiceId, String reason, String currency, String clientCountry, int vatRateBasisPoints,
            int paymentTermsDays, List<InvoiceLine> lines, Instant serviceFrom, Instant serviceTo) {

        public Draft serving(Instant from, Instant to) {
            return new Draft(account, contractId, kind, period, creditedInvoiceId, reason, currency, clientCountry,
                    vatRateBasisPoints, paymentTermsDays, lines, from, to);
        }
    }
}
