package io.lobsterops.billing.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.billing.domain.AccountActivity;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AccountActivityRepository implements PanacheRepository<AccountActivity> {

    private static final String INSERT_ALL = """
            insert into account_activity (engagement_id, event_id, summary, occurred_at) values %s""";

    /** Appends timeline lines, in their order, with one statement per {@link NativeRows#CHUNK} of them. */
    public Uni<Void> insertAll(List<AccountActivity> lines) {
        return NativeRows.insert(INSERT_ALL, 4, lines, (line, row) -> row
                .add(line.engagementId).add(line.eventId).add(line.summary).add(NativeRows.utc(line.occurredAt)));
    }

    public Uni<List<AccountActivity>> timeline(UUID engagementId) {
        return list("engagementId", Sort.ascending("id"), engagementId);
    }
}
