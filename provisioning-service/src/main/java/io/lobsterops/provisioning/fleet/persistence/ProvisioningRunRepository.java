package io.lobsterops.provisioning.fleet.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.provisioning.fleet.domain.ProvisioningRun;
import io.lobsterops.provisioning.fleet.domain.RunStatus;
import io.lobsterops.kit.persistence.ClientScoped;
import io.smallrye.mutiny.Uni;

/** Provisioning runs, read within the caller's tenant scope: a client sees the runs of its own gateways. */
@ApplicationScoped
public class ProvisioningRunRepository implements ClientScoped<ProvisioningRun, UUID> {

    /** A run's client is its gateway's. */
    @Override
    public String clientPath() {
        return "gateway.clientId";
    }

    /** Runs to (re)start: interrupted ones whose retry time has come. */
    public Uni<List<ProvisioningRun>> due(Instant now) {
        return list("status = ?1 and (retryAt is null or retryAt <= ?2)", RunStatus.INTERRUPTED, now);
    }

    /** Runs left in RUNNING or PENDING whose driver's lease lapsed (its process was killed mid-step). */
    public Uni<List<ProvisioningRun>> orphaned(Instant now) {
        return list("status in ?1 and (leaseUntil is null or leaseUntil < ?2)",
                List.of(RunStatus.RUNNING, RunStatus.PENDING), now);
    }

    /** Extends the lease of the runs {@code owner} is driving. */
    public Uni<Integer> renew(List<java.util.UUID> ids, String owner, Instant until) {
        return update("leaseUntil = ?1 where id in ?2 and leaseOwner = ?3", until, ids, owner);
    }
}
