package io.lobsterops.kit.messaging;

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
 */
@ApplicationScoped
public class OutboxWakeUp {

    static final String CHANNEL = "lobsterops_outbox";
    private static final Logger LOG = Logger.getLogger(OutboxWakeUp.class);

    private final Vertx vertx;
    private final Config settings;
    private final OutboxRelay relay;
    private final MessagingConfig config;
    private PgSubscriber subscriber;

    public OutboxWakeUp(Vertx vertx, Config settings, OutboxRelay relay, MessagingConfig config) {
        this.vertx = vertx;
        this.settings = settings;
        this.relay = relay;
        this.config = config;
    }

    void listen(@Observes StartupEvent startup) {
        if (!config.relay().enabled()) {
            return;
        }
        String url = settings.getValue("quarkus.datasource.reactive.url", String.class);
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        settings.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        settings.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> 1_000L);
        subscriber.channel(CHANNEL).handler(payload -> relay.wake());
        subscriber.connect().subscribe().with(
                ok -> LOG.debugf("listening on %s for committed outbox rows", CHANNEL),
                e -> LOG.warnf("cannot LISTEN %s (%s): the sweep publishes the outbox meanwhile", CHANNEL, e.getMessage()));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
    }
}
