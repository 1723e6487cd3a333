package io.lobsterops.agentconfig.persistence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.agentconfig.domain.PendingPush;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The pushes still owed to the git server (ADR 0063). {@link #request} runs in the transaction of the change; the
 * push job's own statements ({@link #lease}, {@link #pushed}, {@link #failed}) run on the connection pool, each on its
 * own, outside any transaction of a change: a push never holds a database transaction or lock open.
 */
@ApplicationScoped
public class PendingPushRepository implements PanacheRepositoryBase<PendingPush, String> {

    private static final String REQUEST = """
            insert into pending_push (client_id, requested_at, next_attempt_at) values (:client, now(), now())
            on conflict (client_id) do update set generation = pending_push.generation + 1""";
    private static final String LEASE = """
            update pending_push p set leased_until = now() + make_interval(secs => $1)
            from (select client_id from pending_push
                  where next_attempt_at <= now() and (leased_until is null or leased_until < now())
                  order by next_attempt_at limit $2 for update skip locked) due
            where p.client_id = due.client_id
            returning p.client_id, p.generation, p.attempts""";
    private static final String PUSHED = "delete from pending_push where client_id = $1 and generation = $2";
    private static final String CHANGED_MEANWHILE = """
            update pending_push set leased_until = null, attempts = 0, last_error = null, next_attempt_at = now()
            where client_id = $1""";
    private static final String FAILED = """
            update pending_push set attempts = attempts + 1, last_attempt_at = now(), last_error = $2,
                   next_attempt_at = now() + make_interval(secs => $3), leased_until = null
            where client_id = $1""";

    private final Pool pool;

    public PendingPushRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records that the client's repository changed and must be pushed: in the caller's transaction when there is
     * one (the consumer's, a request's), else in a transaction of its own. The push job is woken when it commits.
     */
    public Uni<Void> request(String clientId) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(REQUEST)
                .setParameter("client", clientId).executeUpdate())).replaceWithVoid();
    }

    /**
     * A push made within the caller's transaction (a sync) went through: the row goes unless a change was recorded
     * since {@code generation} was read. Answers whether nothing is owed any more — also when the push job, pushing
     * at the same time, cleared the row first (the sync's answer was "not in sync" then, although both pushes went).
     */
    public Uni<Boolean> pushedWithin(String clientId, long generation) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "delete from pending_push where client_id = :client and generation = :generation")
                .setParameter("client", clientId).setParameter("generation", generation).executeUpdate()
                .chain(deleted -> deleted == 1 ? Uni.createFrom().item(Boolean.TRUE)
                        : session.createNativeQuery("select count(*) from pending_push where client_id = :client",
                                Long.class).setParameter("client", clientId).getSingleResult()
                                .map(left -> left == 0)));
    }

    /** A row the job leased: push the client's repository, then {@link #pushed} or {@link #failed}. */
    public record Leased(String clientId, long generation, int attempts) {
    }

    /** Leases up to {@code limit} rows that are due and not leased by a live job, for {@code lease}. */
    public Uni<List<Leased>> lease(int limit, Duration lease) {
        return pool.preparedQuery(LEASE).execute(Tuple.of((double) lease.toMillis() / 1000, limit)).map(rows -> {
            List<Leased> leased = new ArrayList<>(rows.size());
            for (Row row : rows) {
                leased.add(new Leased(row.getString("client_id"), row.getLong("generation"),
                        row.getInteger("attempts")));
            }
            return leased;
        });
    }

    /**
     * The push of {@code leased} went through: the row goes, unless a change was recorded since the lease, in which
     * case it is due again at once.
     */
    public Uni<Void> pushed(Leased leased) {
        return pool.preparedQuery(PUSHED).execute(Tuple.of(leased.clientId(), leased.generation()))
                .chain(deleted -> deleted.rowCount() == 1 ? Uni.createFrom().voidItem()
                        : pool.preparedQuery(CHANGED_MEANWHILE).execute(Tuple.of(leased.clientId())).replaceWithVoid());
    }

    /** The push failed for {@code reason}: the row stays, due again after {@code backoff}. */
    public Uni<Void> failed(String clientId, String reason, Duration backoff) {
        return pool.preparedQuery(FAILED).execute(Tuple.of(clientId, reason, (double) backoff.toMillis() / 1000))
                .replaceWithVoid();
    }
}
