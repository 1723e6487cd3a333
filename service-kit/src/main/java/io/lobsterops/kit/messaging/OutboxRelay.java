package io.lobsterops.kit.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
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
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.lobsterops.events.CloudEventHeaders;
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
 * delivered only on commit, see {@link OutboxWakeUp}); a periodic sweep picks up whatever a crash or a broker outage
 * left behind. One round reads a batch in id order, sends it with an idempotent {@code acks=all} producer keyed by
 * engagement id, and marks the acknowledged prefix as published: a crash between send and mark yields a duplicate
 * (consumers are idempotent), never a loss, and never a reordering within an engagement.
 * <p>
 * Rounds run one at a time on a virtual thread (blocking Kafka and SQL waits never touch the event loop); across
 * replicas a PostgreSQL advisory lock makes one relay the publisher.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long ADVISORY_LOCK = 0x4c6f6273746572L; // "Lobster"
    private static final String SELECT_PENDING = """
            select id, event_id, topic, record_key, type, source, subject, occurred_at, payload
            from outbox where published_at is null order by id limit $1""";
    private static final String MARK_PUBLISHED = "update outbox set published_at = now() where id = any($1)";

    private final Pool pool;
    private final MessagingConfig config;
    private final Map<String, Object> kafkaConfig;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private volatile long pausedUntil;
    private ExecutorService executor;
    private KafkaProducer<String, byte[]> producer;

    public OutboxRelay(Pool pool, MessagingConfig config, MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.pool = pool;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
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
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
        wake();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer.close(Duration.ofSeconds(5));
        }
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

    @Scheduled(every = "${lobsterops.messaging.relay.sweep-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (System.currentTimeMillis() >= pausedUntil) {
            wake();
        }
    }

    @Scheduled(every = "1h", delayed = "1m")
    void purge() {
        if (executor == null) {
            return;
        }
        pool.preparedQuery("delete from outbox where published_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) config.relay().retention().toSeconds()))
                .subscribe().with(rows -> LOG.debugf("purged %d published outbox rows", rows.rowCount()),
                        e -> LOG.warnf("outbox purge failed: %s", e.getMessage()));
    }

    private void drain() {
        try {
            while (requested.getAndSet(false)) {
                int sent;
                do {
                    sent = publishRound();
                } while (sent == config.relay().batchSize());
            }
        } catch (RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failures.increment();
            pausedUntil = System.currentTimeMillis() + config.relay().failureBackoff().toMillis();
            LOG.warnf("outbox relay round failed, events stay pending and are retried: %s", e.getMessage());
        } finally {
            draining.set(false);
        }
        if (requested.get() && System.currentTimeMillis() >= pausedUntil) {
            wake();
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
        List<Long> ids = new ArrayList<>(rows.size());
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ids.add(row.getLong("id"));
            acks.add(producer.send(toRecord(row)));
        }
        List<Long> acknowledged = new ArrayList<>(ids.size());
        RuntimeException failure = null;
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(ids.get(i));
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // keep the acknowledged prefix only: a later row of the same engagement must not overtake this one
                failure = new IllegalStateException("Kafka did not acknowledge outbox row " + ids.get(i) + ": "
                        + (e.getCause() != null ? e.getCause().getMessage() : "timed out"), e);
                break;
            }
        }
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

    private static ProducerRecord<String, byte[]> toRecord(Row row) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        header(headers, CloudEventHeaders.ID, row.getUUID("event_id").toString());
        header(headers, CloudEventHeaders.SOURCE, row.getString("source"));
        header(headers, CloudEventHeaders.TYPE, row.getString("type"));
        header(headers, CloudEventHeaders.SUBJECT, row.getString("subject"));
        header(headers, CloudEventHeaders.TIME,
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(row.get(OffsetDateTime.class, "occurred_at")));
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.CONTENT_TYPE_JSON);
        return new ProducerRecord<>(row.getString("topic"), null, row.getString("record_key"),
                row.getString("payload").getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> props = new java.util.HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (key.startsWith("bootstrap.") || key.startsWith("security.") || key.startsWith("sasl.")
                    || key.startsWith("ssl.") || key.startsWith("client.dns")) {
                props.put(key, value);
            }
        });
        props.put(ProducerConfig.CLIENT_ID_CONFIG, config.consumerName() + "-outbox-relay");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.relay().sendTimeout().toMillis());
        return props;
    }

    /** Counts the pending rows for the {@code lobsterops_outbox_pending} gauge. */
    @Scheduled(every = "15s", delayed = "5s")
    void countPending() {
        pool.query("select count(*) from outbox where published_at is null").execute()
                .subscribe().with(rows -> pending.set(rows.iterator().next().getLong(0)),
                        e -> LOG.debugf("outbox pending count failed: %s", e.getMessage()));
    }
}
