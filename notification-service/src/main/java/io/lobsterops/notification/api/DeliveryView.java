package io.lobsterops.notification.api;

import java.time.Instant;
import java.util.UUID;

import io.lobsterops.notification.domain.Channel;
import io.lobsterops.notification.domain.Delivery;
import io.lobsterops.notification.domain.DeliveryStatus;

/** A delivery: {@code receipt} is the channel's (Telegram message ids, the SMTP message id, Slack's answer). */
public record DeliveryView(UUID id, UUID messageId, UUID destinationId, String clientId, Channel channel, String kind,
        int seq, DeliveryStatus status, int attempts, Instant nextAttemptAt, String receipt, String lastError,
        Instant createdAt, Instant sentAt) {

    public static DeliveryView from(Delivery d) {
        return new DeliveryView(d.id, d.messageId, d.destinationId, d.clientId, d.channel, d.kind, d.seq, d.status,
                d.attempts, d.nextAttemptAt, d.receipt, d.lastError, d.createdAt, d.sentAt);
    }
}
