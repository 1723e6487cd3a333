package io.lobsterops.billing.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.lobsterops.billing.domain.Invoice;
import io.lobsterops.billing.domain.Invoice.InvoiceStatus;
import io.lobsterops.billing.domain.InvoiceLine;
import io.lobsterops.billing.domain.Payment;
import io.lobsterops.billing.service.InvoiceService.Detailed;
import io.lobsterops.events.InvoiceKind;

/**
 * An invoice: what it bills, its payment link and state. Its client sees how it was paid, not the payment's reference
 * (a Stripe PaymentIntent id, a bank reference the agency typed), who recorded it or why (ADR 0052).
 */
public record InvoiceView(UUID id, UUID engagementId, String clientId, String number, InvoiceKind kind,
        InvoiceStatus status, String period, Instant serviceFrom, Instant serviceTo, UUID creditedInvoiceId,
        String reason, String currency,
        String clientName, String clientCountry, String sellerName, String sellerMentions, int vatRateBasisPoints,
        long subtotalCents, long vatCents, long totalCents, Instant issuedAt, LocalDate dueOn, String paymentUrl,
        Instant paidAt, List<LineView> lines, PaymentView payment) {

    public static InvoiceView summary(Invoice i) {
        return of(i, null, null);
    }

    public static InvoiceView from(Detailed found, boolean staff) {
        return of(found.invoice(), found.lines(), found.payment() == null ? null
                : staff ? PaymentView.from(found.payment()) : PaymentView.forClient(found.payment()));
    }

    private static InvoiceView of(Invoice i, List<InvoiceLine> lines, PaymentView payment) {
        return new InvoiceView(i.id, i.engagementId, i.clientId, i.number, i.kind, i.status, i.period,
                i.serviceFrom, i.serviceTo, i.creditedInvoiceId, i.reason, i.currency, i.clientName, i.clientCountry,
                i.sellerName,
                i.sellerMentions, i.vatRateBasisPoints, i.subtotalCents, i.vatCents, i.totalCents, i.issuedAt,
                i.dueOn, i.paymentUrl, i.paidAt,
                lines == null ? null : lines.stream().map(LineView::from).toList(),
                payment);
    }

    public record LineView(int position, String description, int quantity, long unitCents, long amountCents,
            UUID usageId) {

        static LineView from(InvoiceLine l) {
            return new LineView(l.position, l.description, l.quantity, l.unitCents, l.amountCents, l.usageId);
        }
    }

    public record PaymentView(String method, String reference, long amountCents, String currency, String recordedBy,
            String reason, Instant paidAt) {

        static PaymentView from(Payment p) {
            return new PaymentView(p.method, p.reference, p.amountCents, p.currency, p.recordedBy, p.reason, p.paidAt);
        }

        static PaymentView forClient(Payment p) {
            return new PaymentView(p.method, null, p.amountCents, p.currency, null, null, p.paidAt);
        }
    }
}
