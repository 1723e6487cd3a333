package io.lobsterops.billing.service;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.billing.api.BillingProblems;
import io.lobsterops.billing.domain.Invoice;
import io.lobsterops.billing.domain.Invoice.InvoiceStatus;
import io.lobsterops.billing.domain.InvoiceLine;
import io.lobsterops.billing.domain.Payment;
import io.lobsterops.billing.domain.UsageDay;
import io.lobsterops.billing.pdf.InvoicePdf;
import io.lobsterops.billing.persistence.BillingAccountRepository;
import io.lobsterops.billing.persistence.InvoiceLineRepository;
import io.lobsterops.billing.persistence.InvoiceRepository;
import io.lobsterops.billing.persistence.PaymentRepository;
import io.lobsterops.billing.persistence.UsageDayRepository;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.kit.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/** Reading invoices within the caller's scope, their PDF, and credit notes. */
@ApplicationScoped
public class InvoiceService {

    private final InvoiceRepository invoices;
    private final InvoiceLineRepository lines;
    private final PaymentRepository payments;
    private final BillingAccountRepository accounts;
    private final InvoiceIssuer issuer;
    private final InvoicePdf pdf;
    private final UsageDayRepository usage;
    private final Vertx vertx;

    public InvoiceService(InvoiceRepository invoices, InvoiceLineRepository lines, PaymentRepository payments,
            BillingAccountRepository accounts, InvoiceIssuer issuer, InvoicePdf pdf, UsageDayRepository usage, Vertx vertx) {
        this.usage = usage;
        this.invoices = invoices;
        this.lines = lines;
        this.payments = payments;
        this.accounts = accounts;
        this.issuer = issuer;
        this.pdf = pdf;
        this.vertx = vertx;
    }

    @WithSession
    public Uni<Detailed> find(UUID id, Optional<String> clientScope) {
        return invoices.requireVisible(id, clientScope, "Invoice")
                .chain(invoice -> lines.of(id).chain(found -> payments.ofInvoice(id)
                        .map(payment -> new Detailed(invoice, found, payment))));
    }

    public Uni<byte[]> pdf(UUID id, Optional<String> clientScope) {
        return find(id, clientScope).chain(found -> vertx.executeBlocking(
                Uni.createFrom().item(() -> pdf.render(found.invoice(), found.lines())), false));
    }

    @WithSession
    public Uni<List<Invoice>> ofEngagement(UUID engagementId, Optional<String> clientScope) {
        return accounts.requireVisible(engagementId, clientScope, "Engagement")
                .chain(account -> invoices.ofEngagement(engagementId, clientScope));
    }

    @WithSession
    public Uni<List<UsageDay>> usage(UUID engagementId, Optional<String> clientScope) {
        return accounts.requireVisible(engagementId, clientScope, "Engagement")
                .chain(account -> usage.of(engagementId));
    }

    /**
     * A credit note cancelling an invoice: the same lines negated, at the same VAT rate; the invoice is marked
     * credited (a paid one is refunded outside this service). An invoice is credited once.
     */
    @WithTransaction
    public Uni<Invoice> creditNote(UUID invoiceId, String reason) {
        return invoices.forUpdate(invoiceId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Invoice", invoiceId))
                .chain(original -> {
                    if (original.kind == InvoiceKind.CREDIT_NOTE || original.status == InvoiceStatus.CREDITED) {
                        return Uni.createFrom().failure(new ProblemException(BillingProblems.INVOICE_NOT_CREDITABLE,
                                "Invoice " + original.number + " is a credit note or already credited."));
                    }
                    return accounts.findById(original.engagementId).chain(account -> lines.of(original.id)
                            .chain(originalLines -> {
                                List<InvoiceLine> negated = originalLines.stream()
                                        .map(line -> InvoiceLine.of(line.description, line.quantity,
                                                -line.unitCents))
                                        .toList();
                                original.credited();
                                return issuer.issue(new InvoiceIssuer.Draft(account, original.contractId,
                                        InvoiceKind.CREDIT_NOTE, null, original.id,
                                        "Credits invoice " + original.number + ": " + reason, original.currency,
                                        original.clientCountry, original.vatRateBasisPoints, 0, negated, null, null));
                            }));
                });
    }

    /** The invoices issued in {@code month} (UTC), in number order, as CSV for the accountant. */
    @WithSession
    public Uni<String> csv(YearMonth month) {
        return invoices.issuedIn(month.getYear(), month.getMonthValue()).map(found -> {
            StringBuilder csv = new StringBuilder("number,issued_on,kind,status,client_id,client_name,"
                    + "client_country,currency,subtotal_cents,vat_rate_basis_points,vat_cents,total_cents,due_on,"
                    + "paid_on,credited_invoice_id\n");
            for (Invoice i : found) {
                csv.append(String.join(",", cell(i.number), cell(i.issuedAt.atZone(ZoneOffset.UTC).toLocalDate()),
                        cell(i.kind), cell(i.status), cell(i.clientId), cell(i.clientName), cell(i.clientCountry),
                        cell(i.currency), cell(i.subtotalCents), cell(i.vatRateBasisPoints), cell(i.vatCents),
                        cell(i.totalCents), cell(i.dueOn),
                        cell(i.paidAt == null ? null : i.paidAt.atZone(ZoneOffset.UTC).toLocalDate()),
                        cell(i.creditedInvoiceId))).append('\n');
            }
            return csv.toString();
        });
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (text.startsWith("=") || text.startsWith("+") || text.startsWith("@")) {
            text = "'" + text;   // a spreadsheet never runs a client's name as a formula
        }
        return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("'")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    public record Detailed(Invoice invoice, List<InvoiceLine> lines, Payment payment) {
    }
}
