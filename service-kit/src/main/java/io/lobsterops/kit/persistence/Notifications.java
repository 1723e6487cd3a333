package io.lobsterops.kit.persistence;

import java.util.function.Consumer;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * A LISTEN connection to the service's own database, written once: the outbox wake-up, notification's delivery queue,
 * provisioning's run stream and agent-config's push job each follow one channel. The connection is the reactive
 * datasource's (URL, user, password from configuration), opened at once and reconnected every second after a loss;
 * a notification arrives only once the transaction that sent it committed.
 */
public final class Notifications {

    private static final Logger LOG = Logger.getLogger(Notifications.class);

    private Notifications() {
    }

    /**
     * Listens on {@code channel}, handing each payload to {@code handler} (on the connection's event loop: keep it
     * short). {@code meanwhile} says, in the warning logged when the connection cannot be opened, what covers for it
     * (e.g. "the sweep publishes the outbox meanwhile"). Close the answered subscriber on shutdown.
     */
    public static PgSubscriber listen(Vertx vertx, Config settings, String channel, Consumer<String> handler,
            String meanwhile) {
        String url = settings.getValue("quarkus.datasource.reactive.url", String.class);
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        settings.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
        settings.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
        PgSubscriber subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> 1_000L);
        subscriber.channel(channel).handler(handler);
        subscriber.connect().subscribe().with(
                ok -> LOG.debugf("listening on %s", channel),
                e -> LOG.warnf("cannot LISTEN %s (%s): %s", channel, e.getMessage(), meanwhile));
        return subscriber;
    }
}
