package io.lobsterops.provisioning.fleet.termination;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TerminationRepository implements PanacheRepositoryBase<Termination, UUID> {

    public Uni<Termination> findByEngagement(UUID engagementId) {
        return find("engagementId", engagementId).firstResult();
    }

    /** Unfinished terminations nobody drives now: interrupted ones due again, and those a stopped process left. */
    public Uni<List<Termination>> resumable(Instant now) {
        return list("status in ('PENDING', 'RUNNING', 'INTERRUPTED') and (retryAt is null or retryAt <= ?1)"
                + " and (leaseUntil is null or leaseUntil < ?1)", now);
    }

    public Uni<List<Termination>> archivesPastRetention(Instant now) {
        return list("archiveDeletedAt is null and archivePath is not null and retainUntil < ?1", now);
    }
}
