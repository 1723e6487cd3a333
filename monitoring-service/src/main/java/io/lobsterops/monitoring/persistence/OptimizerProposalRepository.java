package io.lobsterops.monitoring.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.monitoring.domain.OptimizerProposal;
import io.lobsterops.monitoring.domain.ProposalState;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class OptimizerProposalRepository implements PanacheRepositoryBase<OptimizerProposal, UUID> {

    public Uni<OptimizerProposal> findOpen(UUID engagementId, String activity, OptimizerProposal.Kind kind) {
        return find("engagementId = ?1 and activity = ?2 and kind = ?3 and state = ?4", engagementId, activity, kind,
                ProposalState.PROPOSED).firstResult();
    }

    public Uni<List<OptimizerProposal>> ofEngagement(UUID engagementId) {
        return list("engagementId = ?1 order by proposedAt desc, id", engagementId);
    }
}
