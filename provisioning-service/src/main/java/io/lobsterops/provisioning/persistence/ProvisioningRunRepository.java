package io.lobsterops.provisioning.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.provisioning.domain.ProvisioningRun;
import io.lobsterops.provisioning.domain.RunStatus;
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

    /** Runs a previous process left in RUNNING or PENDING (it was killed mid-step). */
    public Uni<List<ProvisioningRun>> orphaned() {
        return list("status in ?1", List.of(RunStatus.RUNNING, RunStatus.PENDING));
    }
}
