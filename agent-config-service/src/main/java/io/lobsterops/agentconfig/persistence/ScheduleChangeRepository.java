package io.lobsterops.agentconfig.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.agentconfig.domain.ScheduleChange;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ScheduleChangeRepository implements PanacheRepositoryBase<ScheduleChange, UUID> {

    public Uni<ScheduleChange> of(UUID engagementId, String activity) {
        return find("engagementId = :engagement and activity = :activity",
                Parameters.with("engagement", engagementId).and("activity", activity)).firstResult();
    }

    public Uni<List<ScheduleChange>> ofEngagement(UUID engagementId) {
        return list("engagementId", Sort.descending("changedAt").and("activity"), engagementId);
    }
}
