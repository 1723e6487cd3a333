package io.lobsterops.provisioning.fleet.run;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.lobsterops.kit.blocking.Blocking;
import io.lobsterops.kit.persistence.Notifications;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;

/**
 * Each committed change of a run, whichever service instance made it: the database notifies {@code lobsterops_run}
 * with the run id (a trigger, see V6), and this instance reloads the run for its server-sent event streams, one run
 * after the other so a stream never sees an older state after a newer one. Runs nobody here watches are not loaded.
 */
@ApplicationScoped
public class RunEvents {

    static final String CHANNEL = "lobsterops_run";
    private static final Logger LOG = Logger.getLogger(RunEvents.class);

    private final ProvisioningService provisioning;
    private final Blocking blocking;
    private final Vertx vertx;
    private final Config settings;
    private final Map<UUID, AtomicInteger> watched = new ConcurrentHashMap<>();
    private final UnicastProcessor<UUID> notified = UnicastProcessor.create();
    private final BroadcastProcessor<RunView> changes = BroadcastProcessor.create();
    private PgSubscriber subscriber;

    public RunEvents(ProvisioningService provisioning, Blocking blocking, Vertx vertx, Config settings) {
        this.provisioning = provisioning;
        this.blocking = blocking;
        this.vertx = vertx;
        this.settings = settings;
    }

    void listen(@Observes StartupEvent startup) {
        notified.onItem().transformToUniAndConcatenate(this::load)
                .subscribe().with(view -> {
                    if (view != null) {
                        changes.onNext(view);
                    }
                }, e -> LOG.errorf(e, "run change stream stopped"));
        subscriber = Notifications.listen(vertx, settings, CHANNEL, payload -> {
            try {
                UUID runId = UUID.fromString(payload);
                if (watched.containsKey(runId)) {
                    notified.onNext(runId);
                }
            } catch (IllegalArgumentException e) {
                LOG.warnf("ignoring %s notification %s", CHANNEL, payload);
            }
        }, "run streams get no live changes until it reconnects");
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
    }

    /** The run's changes from now on (hot: subscribe before reading the current state, so none is missed). */
    public Multi<RunView> of(UUID runId) {
        return changes.filter(view -> runId.equals(view.id()))
                .onSubscription().invoke(() -> watched.computeIfAbsent(runId, id -> new AtomicInteger()).incrementAndGet())
                .onTermination().invoke(() -> watched.computeIfPresent(runId,
                        (id, count) -> count.decrementAndGet() <= 0 ? null : count));
    }

    private Uni<RunView> load(UUID runId) {
        // a notification arrives on the listening connection's context, which is no request's: read on one of its own
        return blocking.apart(() -> provisioning.view(runId, Optional.empty())).onFailure().recoverWithItem(e -> {
            LOG.debugf("run %s changed but could not be read: %s", runId, e.getMessage());
            return null;
        });
    }
}
