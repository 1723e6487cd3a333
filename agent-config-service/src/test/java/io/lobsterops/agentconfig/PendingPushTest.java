package io.lobsterops.agentconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lobsterops.agentconfig.persistence.PendingPushRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * What a sync's push clears (ADR 0063): the pending push it read, unless a change was recorded since — and a row the
 * push job cleared first, pushing at the same moment, counts as cleared too. The default test profile has no git
 * remote, so the push job leaves these rows alone.
 */
@QuarkusTest
class PendingPushTest {

    @Inject
    PendingPushRepository pending;

    @Test
    void theRowTheSyncReadIsCleared() throws Throwable {
        String client = "pp-" + UUID.randomUUID();
        inTransaction(() -> pending.request(client));

        assertTrue(inTransaction(() -> pending.pushedWithin(client, 1)), "nothing owed any more");
        assertEquals(0, rows(client));
    }

    @Test
    void aChangeRecordedSinceStaysOwed() throws Throwable {
        String client = "pp-" + UUID.randomUUID();
        inTransaction(() -> pending.request(client));
        inTransaction(() -> pending.request(client));   // generation 2: a change after the sync read generation 1

        assertFalse(inTransaction(() -> pending.pushedWithin(client, 1)), "the newer change is still owed");
        assertEquals(1, rows(client));
    }

    @Test
    void aRowThePushJobClearedFirstCountsAsCleared() throws Throwable {
        String client = "pp-" + UUID.randomUUID();
        inTransaction(() -> pending.request(client));
        try (Connection db = RepositoryWriteSafetyTest.database();
                PreparedStatement cleared = db.prepareStatement("delete from pending_push where client_id = ?")) {
            cleared.setString(1, client);   // what the job's own successful push does meanwhile
            assertEquals(1, cleared.executeUpdate());
        }

        assertTrue(inTransaction(() -> pending.pushedWithin(client, 1)), "the job pushed it: nothing owed");
    }

    private static <T> T inTransaction(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work));
    }

    private static int rows(String client) throws Exception {
        try (Connection db = RepositoryWriteSafetyTest.database();
                PreparedStatement query = db.prepareStatement("select count(*) from pending_push where client_id = ?")) {
            query.setString(1, client);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
