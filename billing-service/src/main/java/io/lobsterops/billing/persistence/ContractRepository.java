package io.lobsterops.billing.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.lobsterops.billing.domain.Contract;
import io.lobsterops.billing.domain.Contract.ContractStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Contract versions; staff only, so no client scope here. */
@ApplicationScoped
public class ContractRepository implements PanacheRepositoryBase<Contract, UUID> {

    public Uni<List<Contract>> versions(UUID engagementId) {
        return list("engagementId", Sort.descending("version"), engagementId);
    }

    public Uni<Contract> latest(UUID engagementId) {
        return find("engagementId", Sort.descending("version"), engagementId).firstResult();
    }

    /** The version in force: the newest signed one, or null. */
    public Uni<Contract> inForce(UUID engagementId) {
        return find("engagementId = :id and status = :signed", Sort.descending("version"),
                Parameters.with("id", engagementId).and("signed", ContractStatus.SIGNED)).firstResult();
    }

    public Uni<Contract> versionForUpdate(UUID engagementId, int version) {
        return find("engagementId = :id and version = :version",
                Parameters.with("id", engagementId).and("version", version))
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
