package io.lobsterops.notification.delivery;

import java.time.Duration;

/** What a channel answered for one delivery. */
public record SendOutcome(Kind kind, String receipt, String error, Duration retryAfter, int partsSent) {

    public enum Kind {
        /** Accepted; {@code receipt} says how (Telegram message ids, the SMTP message id, Slack's answer). */
        SENT,
        /** A failure worth another try, after the exponential backoff. */
        RETRY,
        /** The channel asked us to wait ({@code retryAfter}, e.g. Telegram's 429 retry_after): not counted as a try. */
        WAIT,
        /** Refused for good (a chat that does not exist, a revoked webhook): dead at once. */
        PERMANENT
    }

    public static SendOutcome sent(String receipt, int partsSent) {
        return new SendOutcome(Kind.SENT, receipt, null, null, partsSent);
    }

    public static SendOutcome retry(String error, int partsSent, String receiptSoFar) {
        return new SendOutcome(Kind.RETRY, receiptSoFar, error, null, partsSent);
    }

    public static SendOutcome waitFor(Duration after, String error, int partsSent, String receiptSoFar) {
        return new SendOutcome(Kind.WAIT, receiptSoFar, error, after, partsSent);
    }

    public static SendOutcome permanent(String error, int partsSent, String receiptSoFar) {
        return new SendOutcome(Kind.PERMANENT, receiptSoFar, error, null, partsSent);
    }
}
