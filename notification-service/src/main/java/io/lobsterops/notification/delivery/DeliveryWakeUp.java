package io.lobsterops.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Listens on {@code lobsterops_delivery}, which the delivery insert trigger notifies when the inserting transaction
 * commits: the worker sends right after the commit, the scheduler's sweep only picks up what a lost notification
 * left behind.
 */
@ApplicationScoped
public class DeliveryWakeUp {

    static final String CHANNEL = "lobsterops_delivery";
    private static final Logger LOG = Logger.getLogger(DeliveryWakeUp.class);

    private final Vertx vertx;
    private final Config settings;
    private final DeliveryWorker worker;
    private PgSubscriber subscriber;

    public DeliveryWakeUp(Vertx vertx, Config settings, DeliveryWorker worker) {
        this.vertx = vertx;
        this.settings = settings;
        this.worker = worker;
    }

    void listen(@Observes StartupEvent startup) {
        String url = settings.getValue("quarkus.datasource.reactive.url", String.class);
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        settings.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        settings.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> 1_000L);
        subscriber.channel(CHANNEL).handler(payload -> worker.wake());
        subscriber.connect().subscribe().with(
                ok -> LOG.debugf("listening on %s for committed deliveries", CHANNEL),
                e -> LOG.warnf("cannot LISTEN %s (%s): the sweep sends the queue meanwhile", CHANNEL, e.getMessage()));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
    }
}
