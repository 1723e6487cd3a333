package io.lobsterops.billing.persistence;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.billing.domain.UsageDay;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UsageDayRepository implements PanacheRepositoryBase<UsageDay, UUID> {

    public Uni<List<UsageDay>> of(UUID engagementId) {
        return list("engagementId", Sort.ascending("day").and("agentId"), engagementId);
    }

    /** Usage up to {@code lastDay} whose cost is not (fully) billed yet, corrections included. */
    public Uni<List<UsageDay>> unbilled(UUID engagementId, LocalDate lastDay) {
        return list("engagementId = :id and day <= :last and costMicroUsd <> billedMicroUsd",
                Sort.ascending("day").and("agentId").and("usageId"),
                Parameters.with("id", engagementId).and("last", lastDay));
    }
}
