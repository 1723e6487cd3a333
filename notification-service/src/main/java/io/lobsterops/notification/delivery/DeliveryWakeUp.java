package io.lobsterops.notification.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.lobsterops.kit.persistence.Notifications;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;

/**
 * Listens on {@code lobsterops_delivery}, which the delivery insert trigger notifies when the inserting transaction
 * commits: the worker sends right after the commit, the scheduler's sweep only picks up what a lost notification
 * left behind.
 */
@ApplicationScoped
public class DeliveryWakeUp {

    static final String CHANNEL = "lobsterops_delivery";

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
        subscriber = Notifications.listen(vertx, settings, CHANNEL, payload -> worker.wake(),
                "the sweep sends the queue meanwhile");
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
    }
}
