package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/** {@value EventTypes#PAYMENT_FAILED}: a payment attempt for an invoice failed; the invoice stays due (billing-service). */
public record PaymentFailed(
        UUID engagementId,
        String clientId,
        UUID invoiceId,
        String invoiceNumber,
        PaymentKind kind,
        long amountCents,
        String currency,
        String reason,
        Instant failedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.PAYMENT_FAILED;
    }
}
