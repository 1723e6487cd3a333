package io.lobsterops.notification.domain;

/** A delivery's state in the queue (ADR 0014). */
public enum DeliveryStatus {
    /** Waiting for its next attempt ({@code next_attempt_at}). */
    PENDING,
    /** Claimed by a worker under a lease, being sent. */
    SENDING,
    /** The channel accepted it; the receipt is kept. */
    SENT,
    /** Gave up after the configured tries or on a permanent refusal; the last error is kept; can be retried by hand. */
    DEAD,
    /**
     * A Telegram send whose worker died after claiming it: Telegram may or may not have it, and sending again could
     * show it twice, so it is not sent again on its own (at most once past the claim); can be retried by hand.
     */
    UNCERTAIN,
    /** No longer needed (a page acknowledged before it went out). */
    CANCELLED
}
