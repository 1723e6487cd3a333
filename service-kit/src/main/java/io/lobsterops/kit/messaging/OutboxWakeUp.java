package io.lobsterops.kit.messaging;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.lobsterops.kit.config.MessagingConfig;
import io.lobsterops.kit.persistence.Notifications;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;

/**
 * Listens on the {@code lobsterops_outbox} channel, which the outbox insert trigger notifies. PostgreSQL delivers a
 * notification only when the inserting transaction commits, so the relay is woken after the commit and never
 * before; it reconnects on its own after a database restart.
 * <p>
 * The LISTEN connection is opened by this service's first {@link Outbox#append} (ADR 0061): a service that never
 * publishes holds none. A relay whose outbox others write (the event-pipeline benchmark's pgbench) listens from
 * the start ({@code lobsterops.messaging.relay.listen-at-start}).
 */
@ApplicationScoped
public class OutboxWakeUp {

    static final String CHANNEL = "lobsterops_outbox";

    private final Vertx vertx;
    private final Config settings;
    private final OutboxRelay relay;
    private final MessagingConfig config;
    private final AtomicBoolean listening = new AtomicBoolean();
    private volatile PgSubscriber subscriber;

    public OutboxWakeUp(Vertx vertx, Config settings, OutboxRelay relay, MessagingConfig config) {
        this.vertx = vertx;
        this.settings = settings;
        this.relay = relay;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        if (config.relay().enabled() && config.relay().listenAtStart()) {
            listen();
        }
    }

    /** An event was appended in a transaction not yet committed: listen (once), the relay is active. */
    void appended() {
        relay.active();
        if (config.relay().enabled()) {
            listen();
        }
    }

    /** Whether the LISTEN connection was asked for (it connects, and reconnects, on its own). */
    boolean listening() {
        return listening.get();
    }

    private void listen() {
        if (!listening.compareAndSet(false, true)) {
            return;
        }
        subscriber = Notifications.listen(vertx, settings, CHANNEL, payload -> {
            relay.active();
            relay.notified();
        }, "the sweep publishes the outbox meanwhile");
    }

    void stop(@Observes ShutdownEvent shutdown) {
        PgSubscriber listener = subscriber;
        if (listener != null) {
            listener.closeAndAwait();
        }
    }
}
