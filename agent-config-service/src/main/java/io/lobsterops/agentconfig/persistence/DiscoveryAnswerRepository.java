package io.lobsterops.agentconfig.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.agentconfig.domain.DiscoveryAnswer;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DiscoveryAnswerRepository implements PanacheRepository<DiscoveryAnswer> {

    public Uni<List<DiscoveryAnswer>> ofEngagement(UUID engagementId) {
        return list("engagementId", Sort.ascending("questionId"), engagementId);
    }
}
