package io.lobsterops.provisioning.fleet.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.provisioning.fleet.domain.ProvisioningRun;
import io.lobsterops.provisioning.fleet.domain.RunStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ProvisioningRunRepository implements PanacheRepositoryBase<ProvisioningRun, UUID> {

    /** The run if {@code clientScope} (empty = staff) may see it: a client sees runs of its own engagements. */
    public Uni<ProvisioningRun> findVisible(UUID id, Optional<String> clientScope) {
        if (clientScope.isEmpty()) {
            return findById(id);
        }
        return find("id = :id and gateway.clientId = :client",
                Parameters.with("id", id).and("client", clientScope.get())).firstResult();
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
