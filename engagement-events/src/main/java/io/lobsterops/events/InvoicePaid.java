package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/** {@value EventTypes#INVOICE_PAID}: an invoice is paid in full (billing-service). */
public record InvoicePaid(
        UUID engagementId,
        String clientId,
        UUID invoiceId,
        String number,
        InvoiceKind kind,
        long totalCents,
        String currency,
        String method,
        Instant paidAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.INVOICE_PAID;
    }
}
