package io.lobsterops.provisioning.engagement.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.Stage;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.provisioning.engagement.domain.Engagement;
import io.lobsterops.provisioning.engagement.domain.InvalidTransitionException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The hottest read of the platform, one engagement ({@code GET /engagements/{id}}: every view of an engagement opens
 * with it), answered by one prepared statement on the reactive client: no Hibernate session, no managed entity, no
 * snapshot to dirty-check (ADR 0077). It answers exactly what {@link EngagementView#from(Engagement)} answers for the
 * same row; {@code EngagementReadsTest} holds the two to that. A client user finds only its own engagement, with the
 * scope in the statement: another client's engagement is the same 404 as one that does not exist.
 */
@ApplicationScoped
public class EngagementReads {

    private static final String SELECT = """
            select e.id, e.client_id, c.name, e.contact_name, e.contact_email, e.sector, e.region, e.stage,
                   e.suspended_from, e.opened_by, e.opened_at, e.updated_at, e.deposit_paid_at, e.deposit_invoice,
                   e.deposit_waived_by, e.deposit_waiver_reason, e.deposit_waived_at, e.accepted_by, e.accepted_at,
                   e.acceptance_comment
            from engagement e join client c on c.id = e.client_id
            where e.id = $1""";
    private static final String SELECT_OF_CLIENT = SELECT + " and e.client_id = $2";

    private final Pool database;

    public EngagementReads(Pool database) {
        this.database = database;
    }

    /** The engagement if {@code clientScope} may see it, else the 404 problem "Engagement {id} does not exist". */
    public Uni<EngagementView> find(UUID id, Optional<String> clientScope) {
        Uni<RowSet<Row>> rows = clientScope
                .map(client -> database.preparedQuery(SELECT_OF_CLIENT).execute(Tuple.of(id, client)))
                .orElseGet(() -> database.preparedQuery(SELECT).execute(Tuple.of(id)));
        return rows.map(found -> found.size() == 0 ? null : view(found.iterator().next()))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Engagement", id));
    }

    private static EngagementView view(Row row) {
        Stage stage = Stage.valueOf(row.getString("stage"));
        Stage suspendedFrom = stage(row.getString("suspended_from"));
        Instant paidAt = instant(row, "deposit_paid_at");
        Instant waivedAt = instant(row, "deposit_waived_at");
        Instant acceptedAt = instant(row, "accepted_at");
        return new EngagementView(row.getUUID("id"), row.getString("client_id"), row.getString("name"),
                row.getString("contact_name"), row.getString("contact_email"), row.getString("sector"),
                row.getString("region"), stage, suspendedFrom, InvalidTransitionException.allowedFrom(stage,
                        suspendedFrom), row.getString("opened_by"), instant(row, "opened_at"),
                instant(row, "updated_at"), new EngagementView.Deposit(paidAt != null || waivedAt != null, paidAt,
                        row.getString("deposit_invoice"), row.getString("deposit_waived_by"),
                        row.getString("deposit_waiver_reason"), waivedAt),
                acceptedAt == null ? null : new EngagementView.Acceptance(row.getString("accepted_by"), acceptedAt,
                        row.getString("acceptance_comment")));
    }

    private static Stage stage(String name) {
        return name == null ? null : Stage.valueOf(name);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
