package io.lobsterops.agentconfig.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.agentconfig.domain.Proposal;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ProposalRepository implements PanacheRepositoryBase<Proposal, UUID> {

    public Uni<Proposal> findOf(UUID engagementId, UUID proposalId) {
        return find("id = :id and engagementId = :engagement",
                Parameters.with("id", proposalId).and("engagement", engagementId)).firstResult();
    }

    public Uni<List<Proposal>> ofEngagement(UUID engagementId) {
        return list("engagementId", Sort.descending("number"), engagementId);
    }

    public Uni<Long> countOf(UUID engagementId) {
        return count("engagementId", engagementId);
    }
}
