package io.lobsterops.monitoring.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.GatewayHealth;
import io.lobsterops.events.Stage;
import io.lobsterops.monitoring.domain.MonitoredEngagement;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Monitored engagements, read within the caller's tenant scope. */
@ApplicationScoped
public class MonitoredEngagementRepository implements PanacheRepositoryBase<MonitoredEngagement, UUID> {

    public Uni<MonitoredEngagement> findVisible(UUID engagementId, Optional<String> clientScope) {
        if (clientScope.isEmpty()) {
            return findById(engagementId);
        }
        return find("engagementId = :id and clientId = :client",
                Parameters.with("id", engagementId).and("client", clientScope.get())).firstResult();
    }

    public Uni<List<MonitoredEngagement>> page(Optional<String> clientScope, Optional<Stage> stage,
            Optional<GatewayHealth> health, Optional<String> client, int page, int size) {
        Filter filter = Filter.of(clientScope, stage, health, client);
        Sort order = Sort.descending("registeredAt").and("engagementId");
        return (filter.query().isEmpty() ? findAll(order) : find(filter.query(), order, filter.parameters()))
                .page(Page.of(page, size)).list();
    }

    public Uni<Long> countVisible(Optional<String> clientScope, Optional<Stage> stage, Optional<GatewayHealth> health,
            Optional<String> client) {
        Filter filter = Filter.of(clientScope, stage, health, client);
        return filter.query().isEmpty() ? count() : count(filter.query(), filter.parameters());
    }

    /** LIVE engagements whose stability window reached its end and that were not declared stable yet. */
    public Uni<List<MonitoredEngagement>> windowsEndedBy(java.time.Instant now) {
        return list("stage = ?1 and stableAt is null and stabilityWindowEnd <= ?2", Stage.LIVE, now);
    }

    private record Filter(String query, Parameters parameters) {

        static Filter of(Optional<String> clientScope, Optional<Stage> stage, Optional<GatewayHealth> health,
                Optional<String> client) {
            java.util.List<String> clauses = new java.util.ArrayList<>();
            Parameters parameters = new Parameters();
            clientScope.ifPresent(scope -> {
                clauses.add("clientId = :scope");
                parameters.and("scope", scope);
            });
            client.ifPresent(c -> {
                clauses.add("clientId = :client");
                parameters.and("client", c);
            });
            stage.ifPresent(s -> {
                clauses.add("stage = :stage");
                parameters.and("stage", s);
            });
            health.ifPresent(h -> {
                clauses.add("engagementId in (select g.engagementId from MonitoredGateway g where g.health = :health"
                        + " and g.probing = true)");
                parameters.and("health", h);
            });
            return new Filter(String.join(" and ", clauses), parameters);
        }
    }
}
