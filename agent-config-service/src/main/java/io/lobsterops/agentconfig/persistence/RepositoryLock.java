package io.lobsterops.agentconfig.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Serializes the writers of one client repository across every replica of the service: a PostgreSQL transaction-level
 * advisory lock keyed by the client id, taken before the git write and held until the transaction that records it
 * commits or rolls back. Must be called inside a transaction ({@code @WithTransaction}).
 */
@ApplicationScoped
public class RepositoryLock {

    /** The lock key is {@code hashtextextended(KEY_PREFIX || client id, 0)}: the same for every replica. */
    public static final String KEY_PREFIX = "agent-config/repository/";

    /** Waits until no other transaction holds the client's repository lock, then holds it until this one ends. */
    public Uni<Void> acquire(String clientId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select count(*) from pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .setParameter("key", KEY_PREFIX + clientId)
                .getSingleResult())
                .replaceWithVoid();
    }
}
