package io.lobsterops.provisioning.fleet.goldset;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class GoldSetEvaluationRepository implements PanacheRepositoryBase<GoldSetEvaluation, UUID> {

    /** PENDING evaluations and RUNNING ones whose driver's lease lapsed, oldest first. */
    public Uni<List<GoldSetEvaluation>> waiting(Instant now) {
        return list("status in ?1 and (leaseUntil is null or leaseUntil < ?2)", Sort.ascending("createdAt"),
                List.of(GoldSetEvaluation.Status.PENDING, GoldSetEvaluation.Status.RUNNING), now);
    }

    public Uni<Integer> renew(List<UUID> ids, String owner, Instant until) {
        return update("leaseUntil = ?1 where id in ?2 and leaseOwner = ?3", until, ids, owner);
    }

    /** An engagement's evaluations, newest first. */
    public Uni<List<GoldSetEvaluation>> ofEngagement(UUID engagementId, int page, int size) {
        return find("engagementId", Sort.descending("createdAt").and("id"), engagementId).page(Page.of(page, size))
                .list();
    }

    public Uni<List<GoldSetEvaluation>> ofDeployments(List<UUID> deploymentIds) {
        return deploymentIds.isEmpty() ? Uni.createFrom().item(List.of())
                : list("deploymentId in ?1", Sort.descending("createdAt"), deploymentIds);
    }
}
