package io.lobsterops.monitoring.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

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

    public Uni<List<MonitoredEngagement>> page(Optional<String> clientScope, Optional<Stage> stage, int page,
            int size) {
        Filter filter = Filter.of(clientScope, stage);
        Sort order = Sort.descending("registeredAt").and("engagementId");
        return (filter.query().isEmpty() ? findAll(order) : find(filter.query(), order, filter.parameters()))
                .page(Page.of(page, size)).list();
    }

    public Uni<Long> countVisible(Optional<String> clientScope, Optional<Stage> stage) {
        Filter filter = Filter.of(clientScope, stage);
        return filter.query().isEmpty() ? count() : count(filter.query(), filter.parameters());
    }

    private record Filter(String query, Parameters parameters) {

        static Filter of(Optional<String> clientScope, Optional<Stage> stage) {
            StringBuilder query = new StringBuilder();
            Parameters parameters = new Parameters();
            clientScope.ifPresent(client -> {
                query.append("clientId = :client");
                parameters.and("client", client);
            });
            stage.ifPresent(s -> {
                query.append(query.isEmpty() ? "" : " and ").append("stage = :stage");
                parameters.and("stage", s);
            });
            return new Filter(query.toString(), parameters);
        }
    }
}
