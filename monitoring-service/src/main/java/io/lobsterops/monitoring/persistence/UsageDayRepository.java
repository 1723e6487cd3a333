package io.lobsterops.monitoring.persistence;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.monitoring.domain.UsageDay;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UsageDayRepository implements PanacheRepositoryBase<UsageDay, UUID> {

    public Uni<List<UsageDay>> between(UUID engagementId, LocalDate from, LocalDate to) {
        return list("engagementId = ?1 and day >= ?2 and day <= ?3 order by day desc, agentId", engagementId, from,
                to);
    }

    /** Every agent's usage on one day, for the cockpit. */
    public Uni<List<UsageDay>> on(LocalDate day) {
        return list("day = ?1 order by engagementId, agentId", day);
    }

    /** Cost of the engagement from {@code from} to {@code to}, in millionths of a dollar. */
    public Uni<Long> costBetween(UUID engagementId, LocalDate from, LocalDate to) {
        return find("select coalesce(sum(costMicroUsd), 0) from UsageDay where engagementId = ?1 and day >= ?2"
                + " and day <= ?3", engagementId, from, to).project(Long.class).firstResult();
    }

    /** Daily cost of the engagement (all agents), the days before {@code before}, newest first. */
    public Uni<List<Long>> dailyCostsBefore(UUID engagementId, LocalDate before, int days) {
        return find("select sum(costMicroUsd) from UsageDay where engagementId = ?1 and day < ?2 and day >= ?3"
                + " group by day", engagementId, before, before.minusDays(days)).project(Long.class).list();
    }
}
