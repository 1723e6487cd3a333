package io.lobsterops.provisioning.engagement.persistence;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.Stage;
import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.persistence.ClientScoped;
import io.lobsterops.kit.persistence.Where;
import io.lobsterops.provisioning.engagement.domain.Engagement;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Engagements, always read within the caller's tenant scope: another client's engagement is simply not found. */
@ApplicationScoped
public class EngagementRepository implements ClientScoped<Engagement, UUID> {

    @Override
    public String clientPath() {
        return "client.id";
    }

    /** How many of the client's engagements are not TERMINATED. */
    public Uni<Long> countOpen(String clientId) {
        return count("client.id = ?1 and stage <> ?2", clientId, Stage.TERMINATED);
    }

    /** The engagements of the filter that {@code clientScope} may see, newest first, with their total. */
    public Uni<PageView<Engagement>> search(EngagementFilter filter, Optional<String> clientScope, int page,
            int size) {
        return pageVisible(clientScope, where(filter), Sort.descending("openedAt").and("id"), page, size);
    }

    private static Where where(EngagementFilter filter) {
        Where where = Where.all().andIfPresent("client.id = :client", "client", Optional.ofNullable(filter.clientId()))
                .andIfPresent("stage = :stage", "stage", Optional.ofNullable(filter.stage()));
        if (filter.text() == null) {
            return where;
        }
        return where.and("(lower(client.name) like :text or lower(contactName) like :text)", "text",
                "%" + filter.text().toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
    }

    /** Optional filters of the engagement list; null means "any". */
    public record EngagementFilter(String clientId, Stage stage, String text) {
    }
}
