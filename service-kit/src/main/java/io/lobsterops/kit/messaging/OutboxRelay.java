package io.lobsterops.kit.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.lobsterops.kit.config.MessagingConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes the outbox to Kafka. Woken right after each commit that wrote outbox rows (PostgreSQL {@code NOTIFY},
 * delivered only on commit, see {@link OutboxWakeUp}); one round at start and a periodic sweep pick up whatever a
 * crash, a missed notification or a broker outage left behind. The relay is lazy (ADR 0061): its Kafka producer is
 * created by the first round that finds rows, and it sweeps only while it is active ({@link RelayActivity}) — a
 * service whose outbox stays empty runs its start-up round and then no query, no producer, no connection. One round reads a batch in id order, sends it with an idempotent {@code acks=all} producer keyed by
 * engagement id, and marks the acknowledged prefix as published: a crash between send and mark yields a duplicate
 * (consumers are idempotent), never a loss, and never a reordering within an engagement.
 * <p>
 * Rounds run one at a time on a virtual thread (blocking Kafka and SQL waits never touch the event loop); across
 * replicas a PostgreSQL advisory lock makes one relay the publisher.
 * <p>
 * A NOTIFY serializes the commits that send one, so a relay notified more than {@code poll-above} times a second
 * polls instead, every {@code poll-interval}, and holds a lease in {@code outbox_relay} that keeps the insert trigger
 * from notifying while it polls ({@link RelayPolling}, ADR 0072).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long ADVISORY_LOCK = 0x4c6f6273746572L; // "Lobster"
    private static final String SELECT_PENDING = """
            select id, event_id, topic, record_key, type, source, subject, occurred_at, payload
            from outbox where published_at is null order by id limit $1""";
    private static final String MARK_PUBLISHED = "update outbox set published_at = now() where id = any($1)";
    /** A lease only ever grows here; cutting one short (at stop) is always safe: the trigger notifies again. */
    private static final String LEASE = """
            insert into outbox_relay (singleton, polling_until) values (true, now() + make_interval(secs => $1))
            on conflict (singleton) do update set polling_until = greatest(outbox_relay.polling_until,
                excluded.polling_until)""";
    private static final String RELEASE = "update outbox_relay set polling_until = least(polling_until, now())";

    private final Pool pool;
    private final MessagingConfig config;
    private final Map<String, Object> kafkaConfig;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private final RelayActivity activity;
    private final RelayPolling polling;
    private volatile boolean stopping;
    private ExecutorService executor;
    private volatile KafkaProducer<String, byte[]> producer;

    public OutboxRelay(Pool pool, MessagingConfig config, MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.pool = pool;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.activity = new RelayActivity(config.relay().idleAfter());
        this.polling = new RelayPolling(config.relay().pollAbove(), config.relay().pollLease());
        this.published = Counter.builder("lobsterops_outbox_published_total")
                .description("Outbox events published to Kafka").register(registry);
        this.failures = Counter.builder("lobsterops_outbox_relay_failures_total")
                .description("Relay rounds abandoned because the broker or the database failed").register(registry);
        registry.gauge("lobsterops_outbox_pending", pending);
    }

    void start(@Observes StartupEvent startup) {
        if (!config.relay().enabled()) {
            LOG.warn("outbox relay disabled (lobsterops.messaging.relay.enabled=false): events stay in the outbox");
            return;
        }
        executor = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("outbox-relay").factory());
        wake();   // what a crash left behind
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (executor != null) {
            stopping = true;
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
            if (polling.holdsLease(System.currentTimeMillis())) {
                release();
            }
        }
    }

    /**
     * This service appended an event (the row commits later, and its notification wakes the relay) or PostgreSQL
     * notified a committed one: the relay is active, and sweeps for a while ({@link RelayActivity}).
     */
    void active() {
        activity.appended(System.currentTimeMillis());
    }

    /**
     * PostgreSQL notified a committed outbox row: a round, and — when notifications come faster than
     * {@code poll-above} a second — polling from now on.
     */
    void notified() {
        polling.notified(System.currentTimeMillis());
        wake();
    }

    /** Ask for a round; rounds never overlap, a wake-up during a round makes the relay look again after it. */
    public void wake() {
        if (executor == null || executor.isShutdown()) {
            return;
        }
        requested.set(true);
        if (draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            every = "${lobsterops.messaging.relay.sweep-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (activity.sweepDue(System.currentTimeMillis())) {
            wake();
        }
    }

    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            every = "1h", delayed = "1m")
    void purge() {
        if (executor == null || !activity.everActive()) {
            return;
        }
        pool.preparedQuery("delete from outbox where published_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) config.relay().retention().toSeconds()))
                .subscribe().with(rows -> LOG.debugf("purged %d published outbox rows", rows.rowCount()),
                        e -> LOG.warnf("outbox purge failed: %s", e.getMessage()));
    }

    private void drain() {
        try {
            do {
                while (requested.getAndSet(false)) {
                    int sent;
                    do {
                        sent = publishRound();
                        polling.found(System.currentTimeMillis(), sent);
                    } while (sent == config.relay().batchSize());
                }
                activity.drained();
                if (polling.leaseDue(System.currentTimeMillis())) {
                    lease();
                }
            } while (pollAgain());
        } catch (RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failures.increment();
            activity.failed(System.currentTimeMillis(), config.relay().failureBackoff());
            LOG.warnf("outbox relay round failed, events stay pending and are retried: %s", e.getMessage());
        } finally {
            draining.set(false);
        }
        if (requested.get() && activity.mayRun(System.currentTimeMillis())) {
            wake();
        }
    }

    /** While polling: wait one poll interval, then look again (the relay stays in its drain meanwhile). */
    private boolean pollAgain() throws InterruptedException {
        if (stopping || !polling.polling(System.currentTimeMillis())) {
            return false;
        }
        Thread.sleep(config.relay().pollInterval());
        requested.set(true);
        return !stopping;
    }

    /** Takes or renews the lease that keeps the insert trigger silent while this relay polls. */
    private void lease() {
        Duration timeout = config.relay().sendTimeout();
        try {
            pool.preparedQuery(LEASE).execute(Tuple.of(config.relay().pollLease().toMillis() / 1000.0))
                    .await().atMost(timeout);
            polling.leased(System.currentTimeMillis());
        } catch (RuntimeException e) {
            polling.leaseFailed();
            LOG.debugf("outbox relay lease not written, notifications go on: %s", e.getMessage());
        }
    }

    /** Ends this relay's lease at once (at stop): the trigger notifies again, whoever relays next is woken. */
    private void release() {
        try {
            pool.query(RELEASE).execute().await().atMost(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOG.debugf("outbox relay lease not released, it runs out on its own: %s", e.getMessage());
        }
    }

    /** One round: returns how many rows were published (a full batch means: look again at once). */
    private int publishRound() throws InterruptedException {
        Duration timeout = config.relay().sendTimeout();
        SqlConnection connection = pool.getConnection().await().atMost(timeout);
        try {
            boolean leader = connection.preparedQuery("select pg_try_advisory_lock($1)").execute(Tuple.of(ADVISORY_LOCK))
                    .await().atMost(timeout).iterator().next().getBoolean(0);
            if (!leader) {
                return 0;
            }
            try {
                return publishBatch(connection, timeout);
            } finally {
                connection.preparedQuery("select pg_advisory_unlock($1)").execute(Tuple.of(ADVISORY_LOCK))
                        .await().atMost(timeout);
            }
        } finally {
            connection.close().await().atMost(timeout);
        }
    }

    private int publishBatch(SqlConnection connection, Duration timeout) throws InterruptedException {
        RowSet<Row> rows = connection.preparedQuery(SELECT_PENDING).execute(Tuple.of(config.relay().batchSize()))
                .await().atMost(timeout);
        if (rows.size() == 0) {
            pending.set(0);
            return 0;
        }
        activity.published();
        KafkaProducer<String, byte[]> sender = producer();
        List<Long> ids = new ArrayList<>(rows.size());
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ids.add(row.getLong("id"));
            acks.add(sender.send(OutboxRecords.toRecord(row)));
        }
        List<Long> acknowledged = new ArrayList<>(ids.size());
        RuntimeException failure = acknowledgedPrefix(ids, acks, timeout, acknowledged);
        if (!acknowledged.isEmpty()) {
            connection.preparedQuery(MARK_PUBLISHED).execute(Tuple.of(acknowledged.toArray(Long[]::new)))
                    .await().atMost(timeout);
            published.increment(acknowledged.size());
        }
        if (failure != null) {
            throw failure;
        }
        return acknowledged.size();
    }

    /**
     * Waits for the acknowledgements in row order and adds the ids of the acknowledged prefix to {@code acknowledged}:
     * the first row Kafka did not acknowledge ends it, so a later row of the same engagement is never marked published
     * before it (it is sent again with it). Answers the failure that ended the prefix, or null.
     */
    static RuntimeException acknowledgedPrefix(List<Long> ids, List<? extends Future<?>> acks, Duration timeout,
            List<Long> acknowledged) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(ids.get(i));
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                return new IllegalStateException("Kafka did not acknowledge outbox row " + ids.get(i) + ": "
                        + (e.getCause() != null ? e.getCause().getMessage() : "timed out"), e);
            }
        }
        return null;
    }

    /** The producer, created by the first round that has something to send (on the relay's thread). */
    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(OutboxRecords.producerConfig(kafkaConfig, config.consumerName(),
                    config.relay().sendTimeout()), new StringSerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }

    /** Counts the pending rows for the {@code lobsterops_outbox_pending} gauge. */
    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            every = "15s", delayed = "5s")
    void countPending() {
        if (!activity.everActive()) {
            return;
        }
        pool.query("select count(*) from outbox where published_at is null").execute()
                .subscribe().with(rows -> pending.set(rows.iterator().next().getLong(0)),
                        e -> LOG.debugf("outbox pending count failed: %s", e.getMessage()));
    }
}
