package io.lobsterops.monitoring.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.persistence.Paged;
import io.lobsterops.kit.persistence.Where;
import io.lobsterops.monitoring.domain.AgentRun;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AgentRunRepository implements Paged<AgentRun, UUID> {

    /** The engagement's runs, newest first. */
    public Uni<PageView<AgentRun>> page(UUID engagementId, int page, int size) {
        return page(Where.of("engagementId = :engagement", "engagement", engagementId),
                Sort.descending("ranAt").and("id"), page, size);
    }

    public Uni<List<AgentRun>> since(UUID engagementId, Instant since) {
        return list("engagementId = ?1 and ranAt >= ?2 order by ranAt, id", engagementId, since);
    }

    public Uni<List<AgentRun>> between(UUID engagementId, Instant from, Instant to) {
        return list("engagementId = ?1 and ranAt >= ?2 and ranAt < ?3 order by ranAt, id", engagementId, from, to);
    }

    public Uni<List<AgentRun>> ofActivity(UUID engagementId, String activity) {
        return list("engagementId = ?1 and activity = ?2 order by ranAt, id", engagementId, activity);
    }

    /** The last {@code n} scored runs of the engagement, newest first. */
    public Uni<List<AgentRun>> lastScored(UUID engagementId, int n) {
        return find("engagementId = ?1 and quality is not null order by ranAt desc, id", engagementId)
                .page(Page.ofSize(n)).list();
    }

    public Uni<List<String>> activities(UUID engagementId) {
        return find("select distinct activity from AgentRun where engagementId = ?1 order by activity", engagementId)
                .project(String.class).list();
    }
}
