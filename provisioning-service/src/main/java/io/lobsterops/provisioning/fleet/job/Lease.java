package io.lobsterops.provisioning.fleet.job;

import java.time.Duration;

/**
 * How long a resumable fleet job (a provisioning run, deployment, gold set evaluation, upgrade, termination) stays
 * with the service instance driving it without renewal; each kind's sweep renews the leases of the jobs it drives, and
 * another instance takes over a job whose lease lapsed.
 */
public final class Lease {

    public static final Duration DURATION = Duration.ofSeconds(45);

    private Lease() {
    }
}
