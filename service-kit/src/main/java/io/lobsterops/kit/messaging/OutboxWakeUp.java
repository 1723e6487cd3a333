package io.lobsterops.kit.messaging;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.lobsterops.kit.config.MessagingConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

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
    private static final Logger LOG = Logger.getLogger(OutboxWakeUp.class);

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
        String url = settings.getValue("quarkus.datasource.reactive.url", String.class);
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        settings.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        settings.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        PgSubscriber listener = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> 1_000L);
        listener.channel(CHANNEL).handler(payload -> {
            relay.active();
            relay.wake();
        });
        subscriber = listener;
        listener.connect().subscribe().with(
                ok -> LOG.debugf("listening on %s for committed outbox rows", CHANNEL),
                e -> LOG.warnf("cannot LISTEN %s (%s): the sweep publishes the outbox meanwhile", CHANNEL, e.getMessage()));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        PgSubscriber listener = subscriber;
        if (listener != null) {
            listener.closeAndAwait();
        }
    }
}
