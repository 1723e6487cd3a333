package io.lobsterops.monitoring.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.monitoring.domain.ConfigReview;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ConfigReviewRepository implements PanacheRepositoryBase<ConfigReview, UUID> {

    public Uni<List<ConfigReview>> waiting() {
        return list("approvedAt is null order by proposedAt, proposalId");
    }
}
