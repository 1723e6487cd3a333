package io.lobsterops.provisioning.fleet.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a resumable fleet job (a provisioning run, deployment, gold set evaluation, upgrade, termination) stays
 * with the service instance driving it without renewal; each kind's sweep renews the leases of the jobs it drives, and
 * another instance takes over a job whose lease lapsed.
 */
public final class Lease {

    public static final Duration DURATION = Duration.ofSeconds(45);

    /**
     * Whether {@code owner} may take a job whose lease {@code holder} holds until {@code until}: held by nobody, by
     * {@code owner} itself, or lapsed at {@code now}.
     */
    public static boolean free(String holder, Instant until, String owner, Instant now) {
        return holder == null || holder.equals(owner) || until == null || !until.isAfter(now);
    }

    private Lease() {
    }
}
