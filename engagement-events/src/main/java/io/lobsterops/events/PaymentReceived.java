package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/** {@value EventTypes#PAYMENT_RECEIVED}: a payment for an engagement's invoice was confirmed (billing-service). */
public record PaymentReceived(
        UUID engagementId,
        String clientId,
        UUID invoiceId,
        String invoiceNumber,
        PaymentKind kind,
        long amountCents,
        String currency,
        Instant paidAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.PAYMENT_RECEIVED;
    }
}
