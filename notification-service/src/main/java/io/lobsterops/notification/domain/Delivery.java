package io.lobsterops.notification.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.lobsterops.kit.api.ProblemException;

/** One message to one destination (a page, or an edit of a grouped message): a row of the durable queue. */
@Entity
@Table(name = "delivery")
public class Delivery {

    @Id
    public UUID id;

    @Column(name = "message_id", nullable = false)
    public UUID messageId;

    @Column(name = "destination_id", nullable = false)
    public UUID destinationId;

    @Column(name = "client_id")
    public String clientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public int seq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "parts_sent", nullable = false)
    public int partsSent;

    public String receipt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /**
     * A DEAD or UNCERTAIN delivery goes back in the queue with its tries reset (an UNCERTAIN Telegram send may then
     * show twice: the person retrying decided so). Anything else answers 409.
     */
    public void retried(Instant at) {
        if (status != DeliveryStatus.DEAD && status != DeliveryStatus.UNCERTAIN) {
            throw ProblemException.conflict("Only a DEAD or UNCERTAIN delivery can be retried; this one is " + status
                    + ".");
        }
        status = DeliveryStatus.PENDING;
        attempts = 0;
        nextAttemptAt = at;
        leaseUntil = null;
    }
}
