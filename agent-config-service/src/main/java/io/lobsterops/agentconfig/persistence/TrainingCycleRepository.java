package io.lobsterops.agentconfig.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.agentconfig.domain.TrainingCycle;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TrainingCycleRepository implements PanacheRepositoryBase<TrainingCycle, UUID> {

    public Uni<List<TrainingCycle>> ofEngagement(UUID engagementId) {
        return list("engagementId", Sort.ascending("cycle"), engagementId);
    }
}
