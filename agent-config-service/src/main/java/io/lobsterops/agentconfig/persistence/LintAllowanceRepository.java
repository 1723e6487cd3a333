package io.lobsterops.agentconfig.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.agentconfig.domain.LintAllowance;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** The lint findings supervisors allowed, per agent (ADR 0045). */
@ApplicationScoped
public class LintAllowanceRepository implements PanacheRepositoryBase<LintAllowance, UUID> {

    public Uni<List<LintAllowance>> ofClient(String clientId) {
        return list("clientId", Sort.ascending("allowedAt"), clientId);
    }

    public Uni<List<LintAllowance>> ofEngagement(UUID engagementId) {
        return list("engagementId", Sort.ascending("allowedAt"), engagementId);
    }
}
