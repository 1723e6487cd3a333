package io.lobsterops.billing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The kit's outbox relay against the real database and broker when commits come faster than notifications should
 * (ADR 0072), here in billing-service (any service's relay is the kit's): outbox rows committed one per transaction,
 * as a busy service or the event-pipeline benchmark commits them. Above {@code poll-above} notifications a second the
 * relay polls and leases the trigger's silence; rows committed meanwhile send no NOTIFY (which would serialize their
 * commits) and are published all the same; when the producer stops the lease runs out and the trigger notifies again.
 * The rows go to a topic of their own, which no consumer of this module reads; the relay listens from the start, as
 * one whose outbox another program writes (the service itself appends nothing here).
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@TestProfile(OutboxPollingTest.ListeningFromTheStart.class)
class OutboxPollingTest {

    public static class ListeningFromTheStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lobsterops.messaging.relay.listen-at-start", "true");
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    private final String topic = "outbox-polling-test-" + UUID.randomUUID();
    private final AtomicInteger notifications = new AtomicInteger();
    private PgConnection listener;

    @AfterEach
    void closeListener() {
        if (listener != null) {
            listener.closeAndAwait();
        }
    }

    @Test
    void manyCommitsASecondMakeTheRelayPollTheTriggerFallsSilentAndNothingIsLeftUnpublished() {
        listen();
        commitRows(120);   // one transaction each, as fast as they go: well above 50 a second
        await().atMost(PATIENCE).until(this::leased);
        awaitAllPublished(120);

        notifications.set(0);
        commitRows(30);    // while the relay polls: no NOTIFY, published all the same
        awaitAllPublished(150);
        assertEquals(0, notifications.get(), "a commit sent a NOTIFY while the relay's lease was on");

        // the producer stopped: the relay renews no more, the lease runs out, the trigger notifies again
        await().atMost(PATIENCE).until(() -> !leased());
        commitRows(1);
        await().atMost(PATIENCE).until(() -> notifications.get() > 0);
        awaitAllPublished(151);
    }

    private void listen() {
        listener = PgConnection.cast(pool.getConnectionAndAwait());
        listener.notificationHandler(notification -> notifications.incrementAndGet());
        listener.query("LISTEN lobsterops_outbox").executeAndAwait();
    }

    private void commitRows(int count) {
        for (int i = 0; i < count; i++) {
            UUID engagementId = UUID.randomUUID();
            pool.preparedQuery("""
                    insert into outbox (event_id, topic, record_key, type, source, subject, occurred_at, payload)
                    values ($1, $2, $3, 'lobsterops.engagement.opened', '/lobsterops/outbox-polling-test', $3, now(),
                            '{}')""")
                    .executeAndAwait(Tuple.of(UUID.randomUUID(), topic, engagementId.toString()));
        }
    }

    private boolean leased() {
        return pool.query("select polling_until > clock_timestamp() from outbox_relay").executeAndAwait()
                .iterator().next().getBoolean(0);
    }

    private void awaitAllPublished(int expected) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> pool.preparedQuery(
                "select count(*) from outbox where topic = $1 and published_at is not null")
                .executeAndAwait(Tuple.of(topic)).iterator().next().getLong(0) == expected);
    }
}
