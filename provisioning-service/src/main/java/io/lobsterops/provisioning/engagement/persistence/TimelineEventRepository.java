package io.lobsterops.provisioning.engagement.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.provisioning.engagement.domain.TimelineEvent;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The timeline's events, oldest first (event time, then the order they were consumed). Staff see the engagement's
 * events and those about the host its gateway is on; a client sees only the engagement's events that have a client
 * line.
 */
@ApplicationScoped
public class TimelineEventRepository implements PanacheRepository<TimelineEvent> {

    private static final Sort ORDER = Sort.ascending("occurredAt", "seq");

    public Uni<List<TimelineEvent>> page(UUID engagementId, UUID hostId, boolean client, int page, int size) {
        return query(engagementId, hostId, client).page(Page.of(page, size)).list();
    }

    public Uni<Long> count(UUID engagementId, UUID hostId, boolean client) {
        return query(engagementId, hostId, client).count();
    }

    /** Everything the checklist reads: the engagement's events and its host's, oldest first. */
    public Uni<List<TimelineEvent>> all(UUID engagementId, UUID hostId) {
        return query(engagementId, hostId, false).list();
    }

    private PanacheQuery<TimelineEvent> query(UUID engagementId, UUID hostId, boolean client) {
        if (client) {
            return find("engagementId = :engagement and clientSummary is not null", ORDER,
                    Parameters.with("engagement", engagementId));
        }
        if (hostId == null) {
            return find("engagementId = :engagement", ORDER, Parameters.with("engagement", engagementId));
        }
        return find("engagementId = :engagement or (engagementId is null and hostId = :host)", ORDER,
                Parameters.with("engagement", engagementId).and("host", hostId));
    }
}
