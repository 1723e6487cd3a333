package io.lobsterops.notification.persistence;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.persistence.ClientScoped;
import io.lobsterops.kit.persistence.Where;
import io.lobsterops.notification.domain.Audience;
import io.lobsterops.notification.domain.InboxMessage;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The cockpit inbox. Tenant scope is part of every query: a client user reads only the {@link Audience#CLIENT}
 * messages of its own client.
 */
@ApplicationScoped
public class InboxMessageRepository implements ClientScoped<InboxMessage, UUID> {

    /** What to list; every field optional. */
    public record Filter(Optional<String> clientScope, Optional<UUID> engagementId, Optional<String> clientId,
            Optional<Boolean> unacknowledged, Optional<UUID> hostId) {
    }

    /** A client user reads only what was addressed to clients. */
    @Override
    public Where clientSees() {
        return Where.of("audience = :audience", "audience", Audience.CLIENT);
    }

    /** The messages of the filter, newest first, with their total. */
    public Uni<PageView<InboxMessage>> page(Filter filter, int page, int size) {
        Where where = Where.all().andIfPresent("engagementId = :engagement", "engagement", filter.engagementId())
                .andIfPresent("clientId = :client", "client", filter.clientId())
                .andIfPresent("hostId = :host", "host", filter.hostId());
        if (filter.unacknowledged().isPresent()) {
            where = where.and(filter.unacknowledged().get() ? "acknowledgedAt is null" : "acknowledgedAt is not null");
        }
        Sort newestFirst = Sort.descending("createdAt").and("id", Sort.Direction.Descending);
        return pageVisible(filter.clientScope(), where, newestFirst, page, size);
    }
}
