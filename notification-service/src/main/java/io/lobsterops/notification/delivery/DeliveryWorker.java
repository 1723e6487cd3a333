package io.lobsterops.notification.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.lobsterops.notification.config.NotificationConfig;
import io.lobsterops.notification.domain.Audience;
import io.lobsterops.notification.domain.Channel;
import io.lobsterops.notification.domain.Priority;
import io.lobsterops.notification.email.EmailSender;
import io.lobsterops.notification.secrets.SecretBox;
import io.lobsterops.notification.service.NotificationService;
import io.lobsterops.notification.slack.SlackWebhook;
import io.lobsterops.notification.telegram.TelegramBotApi;
import io.lobsterops.notification.telegram.TelegramPacer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Drains the delivery queue (ADR 0014). A round claims due deliveries ({@code for update skip locked}, so replicas
 * share the queue), marks them SENDING under a lease and commits <em>before</em> sending; each is then sent on a
 * virtual thread and its outcome recorded: SENT with the receipt, PENDING again after an exponential backoff with
 * jitter, or DEAD after the last try with the last error. A SENDING row whose lease lapsed belonged to a worker that
 * died mid-send: e-mail and Slack are sent again (at least once); a Telegram send becomes UNCERTAIN and is not sent
 * again on its own (at most once past the claim: Telegram has no idempotency key, a P0 is paged again anyway).
 * <p>
 * Blocking JDBC on virtual threads: the sends are blocking calls, and the queue's claim/record statements are plain
 * SQL that gain nothing from the reactive session. Woken after each commit that queues deliveries (NOTIFY), and
 * every second by the scheduler, which also recovers lapsed leases and pages again.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    static final String CLAIM = """
            with due as (
                select id from delivery where status = 'PENDING' and next_attempt_at <= now()
                order by next_attempt_at limit ? for update skip locked)
            update delivery d set status = 'SENDING', attempts = d.attempts + 1,
                   lease_until = now() + make_interval(secs => ?)
            from due where d.id = due.id
            returning d.id""";

    static final String DETAILS = """
            select d.id, d.kind, d.seq, d.channel, d.attempts, d.parts_sent, d.receipt, d.message_id, t.id,
                   t.address, t.secret_sealed, t.client_id, m.title, m.body, m.priority, m.audience,
                   m.acknowledged_at is not null, m.client_id,
                   (select s.receipt from delivery s where s.message_id = d.message_id
                      and s.destination_id = d.destination_id and s.kind = 'SEND' and s.status = 'SENT'
                    order by s.seq desc limit 1)
            from delivery d join destination t on t.id = d.destination_id join inbox_message m on m.id = d.message_id
            where d.id = any(?)""";

    private final AgroalDataSource db;
    private final NotificationConfig config;
    private final SecretBox secrets;
    private final TelegramBotApi telegram;
    private final SlackWebhook slack;
    private final EmailSender email;
    private final Pager pager;
    private final TelegramPacer pacer;
    private final MeterRegistry registry;
    private final Counter isolationRefused;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;

    public DeliveryWorker(AgroalDataSource db, NotificationConfig config, SecretBox secrets, TelegramBotApi telegram,
            SlackWebhook slack, EmailSender email, Pager pager, TelegramPacer pacer, MeterRegistry registry) {
        this.db = db;
        this.config = config;
        this.secrets = secrets;
        this.telegram = telegram;
        this.slack = slack;
        this.email = email;
        this.pager = pager;
        this.pacer = pacer;
        this.registry = registry;
        this.isolationRefused = Counter.builder(NotificationService.ISOLATION_METRIC).register(registry);
    }

    /** Every second: leases that lapsed, pages that are due, then whatever is due in the queue. */
    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            every = "${lobsterops.notification.delivery.sweep:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (stopping) {
            return;
        }
        try {
            recoverLapsedLeases();
            pager.pageDue();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("delivery sweep failed (%s); the next sweep tries again", e.getMessage());
        }
        wake();
    }

    /** Drains the queue now (after a commit that queued deliveries); coalesces with a drain already running. */
    public void wake() {
        again.set(true);
        if (stopping || !draining.compareAndSet(false, true)) {
            return;
        }
        threads.submit(this::drain);
    }

    private void drain() {
        try {
            while (again.getAndSet(false) && !stopping) {
                List<Claimed> batch;
                while (!(batch = claim()).isEmpty() && !stopping) {
                    List<Future<?>> sends = new ArrayList<>(batch.size());
                    for (Claimed delivery : batch) {
                        sends.add(threads.submit(() -> deliver(delivery)));
                    }
                    for (Future<?> send : sends) {
                        send.get();
                    }
                }
            }
        } catch (Exception e) {
            LOG.warnf("delivery round failed (%s); the next sweep tries again", e.getMessage());
        } finally {
            draining.set(false);
            if (again.get() && !stopping) {
                wake();
            }
        }
    }

    List<Claimed> claim() throws SQLException {
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                claim.setInt(1, config.delivery().batchSize());
                claim.setDouble(2, config.delivery().lease().toMillis() / 1000.0);
                try (ResultSet rows = claim.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getObject(1, UUID.class));
                    }
                }
            }
            List<Claimed> claimed = new ArrayList<>(ids.size());
            if (!ids.isEmpty()) {
                try (PreparedStatement details = connection.prepareStatement(DETAILS)) {
                    details.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
                    try (ResultSet rows = details.executeQuery()) {
                        while (rows.next()) {
                            claimed.add(new Claimed(rows.getObject(1, UUID.class), rows.getString(2), rows.getInt(3),
                                    Channel.valueOf(rows.getString(4)), rows.getInt(5), rows.getInt(6),
                                    rows.getString(7), rows.getObject(8, UUID.class), rows.getObject(9, UUID.class),
                                    rows.getString(10), rows.getString(11), rows.getString(12), rows.getString(13),
                                    rows.getString(14), Priority.valueOf(rows.getString(15)),
                                    Audience.valueOf(rows.getString(16)), rows.getBoolean(17), rows.getString(18),
                                    rows.getString(19)));
                        }
                    }
                }
            }
            connection.commit();   // claimed before anything is sent
            return claimed;
        }
    }

    void deliver(Claimed delivery) {
        SendOutcome outcome;
        try {
            outcome = send(delivery);
        } catch (RuntimeException e) {
            outcome = SendOutcome.retry("could not send: " + e.getClass().getSimpleName(), delivery.partsSent(),
                    delivery.receipt());
            LOG.warnf("delivery %s failed unexpectedly: %s", delivery.id(), e.getClass().getSimpleName());
        }
        try {
            record(delivery, outcome);
        } catch (SQLException e) {
            LOG.errorf("delivery %s: outcome %s not recorded (%s); its lease will lapse", delivery.id(),
                    outcome.kind(), e.getMessage());
        }
    }

    private SendOutcome send(Claimed delivery) {
        // the query that queued it already kept to the message's client; this is the second lock on the door
        boolean staffDestination = delivery.destinationClientId() == null;
        if (!staffDestination && (delivery.audience() != Audience.CLIENT
                || !delivery.destinationClientId().equals(delivery.messageClientId()))) {
            isolationRefused.increment();
            LOG.errorf("isolation: delivery %s would take a message of %s to a destination of another client; "
                    + "refused", delivery.id(), delivery.messageClientId());
            return SendOutcome.permanent("refused: the destination belongs to another client", 0, null);
        }
        if (delivery.acknowledged() && delivery.seq() > 0 && !delivery.isEdit()) {
            return SendOutcome.permanent("acknowledged before this page went out", 0, null);
        }
        String secret = delivery.secretSealed() == null ? null
                : secrets.open(SecretBox.destinationContext(delivery.destinationId()), delivery.secretSealed());
        return switch (delivery.channel()) {
            case TELEGRAM -> {
                String token = secret != null ? secret : config.telegram().botToken().orElse(null);
                if (token == null) {
                    yield SendOutcome.permanent("no bot token: set one on the destination or "
                            + "lobsterops.notification.telegram.bot-token", 0, null);
                }
                Duration wait = pacer.reserve(delivery.address());
                if (!wait.isZero()) {
                    yield SendOutcome.waitFor(wait, "waiting for Telegram's rate limits", delivery.partsSent(),
                            delivery.receipt());
                }
                yield delivery.isEdit() ? telegram.edit(delivery, token) : telegram.send(delivery, token);
            }
            case SLACK -> secret == null ? SendOutcome.permanent("the destination has no webhook URL", 0, null)
                    : slack.send(delivery, secret);
            case EMAIL -> email.send(delivery);
        };
    }

    void record(Claimed delivery, SendOutcome outcome) throws SQLException {
        String status;
        Duration after = Duration.ZERO;
        int attempts = delivery.attempts();
        switch (outcome.kind()) {
            case SENT -> status = "SENT";
            case WAIT -> {
                status = "PENDING";
                after = outcome.retryAfter();
                attempts--;     // the channel asked us to wait: not a failed try
            }
            case RETRY -> {
                status = attempts >= config.delivery().maxAttempts() ? "DEAD" : "PENDING";
                after = backoff(attempts);
            }
            default -> status = "DEAD";
        }
        try (Connection connection = db.getConnection(); PreparedStatement update = connection.prepareStatement("""
                update delivery set status = ?, attempts = ?, next_attempt_at = now() + make_interval(secs => ?),
                       lease_until = null, parts_sent = ?, receipt = coalesce(?, receipt), last_error = ?,
                       sent_at = case when ? = 'SENT' then now() else sent_at end
                where id = ? and status = 'SENDING'""")) {
            update.setString(1, status);
            update.setInt(2, attempts);
            update.setDouble(3, after.toMillis() / 1000.0);
            update.setInt(4, outcome.partsSent());
            update.setString(5, outcome.receipt());
            update.setString(6, outcome.error());
            update.setString(7, status);
            update.setObject(8, delivery.id());
            update.executeUpdate();
        }
        registry.counter("lobsterops_notification_deliveries_total", "channel", delivery.channel().name(),
                "outcome", status.toLowerCase()).increment();
        if ("DEAD".equals(status)) {
            LOG.warnf("delivery %s (%s) is dead after %d tries: %s", delivery.id(), delivery.channel(), attempts,
                    outcome.error());
        }
    }

    /** Exponential backoff with +-50 % jitter: base, 2 base, 4 base... capped. */
    Duration backoff(int attempts) {
        long base = config.delivery().backoffBase().toMillis();
        long exponential = base << Math.min(20, Math.max(0, attempts - 1));
        long capped = Math.min(exponential, config.delivery().backoffMax().toMillis());
        return Duration.ofMillis((long) (capped * ThreadLocalRandom.current().nextDouble(0.5, 1.5)));
    }

    /**
     * Deliveries left SENDING by a worker that died: its lease lapsed. Telegram sends become UNCERTAIN (never sent
     * twice); edits, e-mail and Slack are due again.
     */
    int recoverLapsedLeases() throws SQLException {
        try (Connection connection = db.getConnection(); PreparedStatement update = connection.prepareStatement("""
                update delivery set
                    status = case when channel = 'TELEGRAM' and kind = 'SEND' then 'UNCERTAIN' else 'PENDING' end,
                    last_error = 'the worker sending it stopped before recording the outcome',
                    lease_until = null, next_attempt_at = now()
                where status = 'SENDING' and lease_until < now()""")) {
            int recovered = update.executeUpdate();
            if (recovered > 0) {
                LOG.warnf("%d deliveries recovered from a worker that stopped mid-send", recovered);
            }
            return recovered;
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        threads.shutdown();
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("deliveries still sending at shutdown: their leases will lapse");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }
}
