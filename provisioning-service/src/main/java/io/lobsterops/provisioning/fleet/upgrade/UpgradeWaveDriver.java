package io.lobsterops.provisioning.fleet.upgrade;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Moves the running upgrade waves on the upgrade runner's tick: each wave one step at a time in its own transaction.
 * Every instance ticks; a wave moved by two at once is moved once (its row's version), the other step is dropped.
 */
@ApplicationScoped
public class UpgradeWaveDriver {

    private static final Logger LOG = Logger.getLogger(UpgradeWaveDriver.class);

    private final UpgradeWaves waves;

    public UpgradeWaveDriver(UpgradeWaves waves) {
        this.waves = waves;
    }

    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            every = "${lobsterops.provisioning.runs.retry-every:5s}", delayed = "6s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return waves.running().onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(this::advance).collect().last().replaceWithVoid();
    }

    private Uni<UpgradeWave> advance(UUID id) {
        return waves.advance(id).onFailure().recoverWithItem(e -> {
            if (e instanceof jakarta.persistence.OptimisticLockException
                    || e instanceof org.hibernate.StaleObjectStateException) {
                LOG.debugf("upgrade wave %s was moved by another instance this tick", id);
            } else {
                LOG.warnf(e, "upgrade wave %s not moved this tick; tried again on the next", id);
            }
            return null;
        });
    }
}
