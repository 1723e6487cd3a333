package io.lobsterops.kit.messaging;

import java.time.Duration;

/**
 * Whether the outbox relay looks at the outbox on its own (a sweep), decided without touching the database
 * (ADR 0061). A relay is woken after each commit that wrote outbox rows; sweeps only cover what a wake-up may miss
 * (a notification lost while the LISTEN connection was down or not yet open, a failed round). So a sweep is due only
 * while the relay is active: within {@code idleAfter} of the last append or notification, or while the last round
 * left rows behind or failed — and never before the failure backoff has passed. A service whose outbox stays
 * empty does one round at start (what a crash left behind) and then nothing.
 */
final class RelayActivity {

    private final long idleAfterMillis;
    private volatile long lastActivity;
    private volatile boolean everActive;
    private volatile boolean backlog;
    private volatile long pausedUntil;

    RelayActivity(Duration idleAfter) {
        this.idleAfterMillis = idleAfter.toMillis();
    }

    /** This service appended an event, or PostgreSQL notified a committed outbox row. */
    void appended(long now) {
        lastActivity = now;
        everActive = true;
    }

    /** A drain ended with the outbox read to its end. */
    void drained() {
        backlog = false;
    }

    /** A round published rows: the relay works, its gauge and purge matter. */
    void published() {
        everActive = true;
    }

    /** A round failed (broker or database): rows may be left, the next attempt waits for the backoff. */
    void failed(long now, Duration backoff) {
        backlog = true;
        everActive = true;
        pausedUntil = now + backoff.toMillis();
    }

    boolean sweepDue(long now) {
        return now >= pausedUntil && (backlog || (everActive && now - lastActivity < idleAfterMillis));
    }

    /** Whether the relay may be woken now (a failed round waits for its backoff). */
    boolean mayRun(long now) {
        return now >= pausedUntil;
    }

    /** Whether this relay ever had something to do: the pending gauge and the purge of old rows are its then. */
    boolean everActive() {
        return everActive;
    }
}
