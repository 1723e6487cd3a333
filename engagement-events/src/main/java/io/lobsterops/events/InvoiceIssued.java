package io.lobsterops.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** {@value EventTypes#INVOICE_ISSUED}: an invoice got its number and is due; the client may pay it through its payment link (billing-service). */
public record InvoiceIssued(
        UUID engagementId,
        String clientId,
        UUID invoiceId,
        String number,
        InvoiceKind kind,
        long totalCents,
        String currency,
        LocalDate dueOn,
        String paymentUrl,
        Instant issuedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.INVOICE_ISSUED;
    }
}
