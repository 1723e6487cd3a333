package io.lobsterops.provisioning.engagement.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.Stage;
import io.lobsterops.provisioning.engagement.domain.Engagement;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Engagements, always read within the caller's tenant scope: another client's engagement is simply not found. */
@ApplicationScoped
public class EngagementRepository implements PanacheRepositoryBase<Engagement, UUID> {

    /** The engagement if it exists and {@code clientScope} (empty = every client) may see it, else null. */
    public Uni<Engagement> findVisible(UUID id, Optional<String> clientScope) {
        if (clientScope.isEmpty()) {
            return findById(id);
        }
        return find("id = :id and client.id = :client", Parameters.with("id", id).and("client", clientScope.get()))
                .firstResult();
    }

    /** How many of the client's engagements are not TERMINATED. */
    public Uni<Long> countOpen(String clientId) {
        return count("client.id = ?1 and stage <> ?2", clientId, Stage.TERMINATED);
    }

    public Uni<List<Engagement>> search(EngagementFilter filter, Optional<String> clientScope, int page, int size) {
        Query query = query(filter, clientScope);
        return find(query.where(), Sort.descending("openedAt").and("id"), query.parameters())
                .page(Page.of(page, size)).list();
    }

    public Uni<Long> countMatching(EngagementFilter filter, Optional<String> clientScope) {
        Query query = query(filter, clientScope);
        return count(query.where(), query.parameters());
    }

    private static Query query(EngagementFilter filter, Optional<String> clientScope) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        clientScope.ifPresent(client -> {
            where.append(" and client.id = :scope");
            parameters.and("scope", client);
        });
        if (filter.clientId() != null) {
            where.append(" and client.id = :client");
            parameters.and("client", filter.clientId());
        }
        if (filter.stage() != null) {
            where.append(" and stage = :stage");
            parameters.and("stage", filter.stage());
        }
        if (filter.text() != null) {
            where.append(" and (lower(client.name) like :text or lower(contactName) like :text)");
            parameters.and("text", "%" + filter.text().toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return new Query(where.toString(), parameters);
    }

    /** Optional filters of the engagement list; null means "any". */
    public record EngagementFilter(String clientId, Stage stage, String text) {
    }

    private record Query(String where, Parameters parameters) {
    }
}
