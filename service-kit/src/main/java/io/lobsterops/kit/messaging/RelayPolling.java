package io.lobsterops.kit.messaging;

import java.time.Duration;

/**
 * Whether the outbox relay polls instead of waiting for notifications, decided from the notifications it gets
 * (ADR 0072). A NOTIFY serializes the commits that send one, so above {@code pollAbove} notifications a second the
 * relay polls every {@code pollInterval} and holds a lease in {@code outbox_relay} that tells the insert trigger to
 * notify no more. It renews the lease while rounds find rows; once a whole lease passes without any, it lets the lease
 * run out and keeps polling one more lease (the grace for a transaction that skipped its NOTIFY and commits late),
 * then waits for notifications again. Pure state: the relay asks, and does the database work itself.
 */
final class RelayPolling {

    private final int pollAbove;
    private final long leaseMillis;
    private long windowStart;
    private int notificationsInWindow;
    private long leaseUntil = Long.MIN_VALUE;   // this relay's lease, on its own clock
    private long lastRows;
    private boolean wanted;

    RelayPolling(int pollAbove, Duration lease) {
        this.pollAbove = pollAbove;
        this.leaseMillis = lease.toMillis();
    }

    /** PostgreSQL notified a commit; answers whether that many a second makes the relay poll from now on. */
    synchronized boolean notified(long now) {
        if (now - windowStart >= 1_000) {
            windowStart = now;
            notificationsInWindow = 0;
        }
        notificationsInWindow++;
        if (pollAbove > 0 && notificationsInWindow >= pollAbove && !polling(now)) {
            wanted = true;
            lastRows = now;
            return true;
        }
        return false;
    }

    /** A round published {@code rows}. */
    synchronized void found(long now, int rows) {
        if (rows > 0) {
            lastRows = now;
        }
    }

    /**
     * Whether the lease should be taken or renewed now: polling was asked for, or the lease is half gone while rows
     * still came within the last lease.
     */
    synchronized boolean leaseDue(long now) {
        if (wanted) {
            return true;
        }
        return now < leaseUntil && leaseUntil - now < leaseMillis / 2 && now - lastRows < leaseMillis;
    }

    /** The lease was written: the trigger stays silent until {@code now + lease}. */
    synchronized void leased(long now) {
        wanted = false;
        leaseUntil = now + leaseMillis;
    }

    /** The lease could not be written: notifications go on, so does waiting for them. */
    synchronized void leaseFailed() {
        wanted = false;
    }

    /** Whether the relay polls now: while its lease lasts, and one more lease after it (the grace). */
    synchronized boolean polling(long now) {
        return leaseUntil != Long.MIN_VALUE && now < leaseUntil + leaseMillis;
    }

    /** Whether this relay holds a lease that has not run out yet (released when the service stops). */
    synchronized boolean holdsLease(long now) {
        return leaseUntil != Long.MIN_VALUE && now < leaseUntil;
    }
}
