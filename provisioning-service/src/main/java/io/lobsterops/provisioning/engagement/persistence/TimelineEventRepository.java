package io.lobsterops.provisioning.engagement.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.persistence.Paged;
import io.lobsterops.kit.persistence.Where;
import io.lobsterops.provisioning.engagement.domain.TimelineEvent;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The timeline's events, oldest first (event time, then the order they were consumed). Staff see the engagement's
 * events and those about the host its gateway is on; a client sees only the engagement's events that have a client
 * line.
 */
@ApplicationScoped
public class TimelineEventRepository implements Paged<TimelineEvent, Long> {

    private static final Sort ORDER = Sort.ascending("occurredAt", "seq");

    public Uni<PageView<TimelineEvent>> page(UUID engagementId, UUID hostId, boolean client, int page, int size) {
        return page(of(engagementId, hostId, client), ORDER, page, size);
    }

    /** Everything the checklist reads: the engagement's events and its host's, oldest first. */
    public Uni<List<TimelineEvent>> all(UUID engagementId, UUID hostId) {
        Where where = of(engagementId, hostId, false);
        return list(where.hql(), ORDER, where.parameters());
    }

    private static Where of(UUID engagementId, UUID hostId, boolean client) {
        if (client) {
            return Where.of("engagementId = :engagement", "engagement", engagementId).and("clientSummary is not null");
        }
        if (hostId == null) {
            return Where.of("engagementId = :engagement", "engagement", engagementId);
        }
        return Where.of("(engagementId = :engagement or (engagementId is null and hostId = :host))", "engagement",
                engagementId).with("host", hostId);
    }
}
