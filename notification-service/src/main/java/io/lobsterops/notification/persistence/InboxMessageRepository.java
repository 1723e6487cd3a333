package io.lobsterops.notification.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.notification.domain.Audience;
import io.lobsterops.notification.domain.InboxMessage;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The cockpit inbox. Tenant scope is part of every query: a client user reads only the {@link Audience#CLIENT}
 * messages of its own client.
 */
@ApplicationScoped
public class InboxMessageRepository implements PanacheRepositoryBase<InboxMessage, UUID> {

    /** What to list; every field optional. */
    public record Filter(Optional<String> clientScope, Optional<UUID> engagementId, Optional<String> clientId,
            Optional<Boolean> unacknowledged, Optional<UUID> hostId) {
    }

    public Uni<InboxMessage> findVisible(UUID id, Optional<String> clientScope) {
        if (clientScope.isEmpty()) {
            return findById(id);
        }
        return find("id = :id and clientId = :client and audience = :audience", Parameters.with("id", id)
                .and("client", clientScope.get()).and("audience", Audience.CLIENT)).firstResult();
    }

    public Uni<List<InboxMessage>> page(Filter filter, int page, int size) {
        Query query = Query.of(filter);
        Sort newestFirst = Sort.descending("createdAt").and("id", Sort.Direction.Descending);
        return (query.hql().isEmpty() ? findAll(newestFirst) : find(query.hql(), newestFirst, query.parameters()))
                .page(Page.of(page, size)).list();
    }

    public Uni<Long> count(Filter filter) {
        Query query = Query.of(filter);
        return query.hql().isEmpty() ? count() : count(query.hql(), query.parameters());
    }

    private record Query(String hql, Parameters parameters) {

        static Query of(Filter filter) {
            List<String> where = new java.util.ArrayList<>();
            Parameters parameters = new Parameters();
            filter.clientScope().ifPresent(client -> {
                where.add("clientId = :scope and audience = :audience");
                parameters.and("scope", client).and("audience", Audience.CLIENT);
            });
            filter.engagementId().ifPresent(id -> {
                where.add("engagementId = :engagement");
                parameters.and("engagement", id);
            });
            filter.clientId().ifPresent(client -> {
                where.add("clientId = :client");
                parameters.and("client", client);
            });
            filter.hostId().ifPresent(id -> {
                where.add("hostId = :host");
                parameters.and("host", id);
            });
            filter.unacknowledged().ifPresent(open -> where.add(open ? "acknowledgedAt is null"
                    : "acknowledgedAt is not null"));
            return new Query(String.join(" and ", where), parameters);
        }
    }
}
