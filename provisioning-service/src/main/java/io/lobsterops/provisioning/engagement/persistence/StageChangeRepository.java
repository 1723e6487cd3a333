package io.lobsterops.provisioning.engagement.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.provisioning.engagement.domain.StageChange;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class StageChangeRepository implements PanacheRepository<StageChange> {

    public Uni<List<StageChange>> history(UUID engagementId) {
        return list("engagement.id", Sort.ascending("id"), engagementId);
    }
}
