package io.lobsterops.provisioning.service;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;

/**
 * The resumable jobs of one kind (terminations, upgrades) this instance drives now: each at most once at a time, on
 * a duplicated Vert.x context of its own; the kind's sweep renews their leases and resumes the others.
 */
public final class Drives {

    private static final Logger LOG = Logger.getLogger(Drives.class);

    private final String kind;
    private final Vertx vertx;
    private final Function<UUID, Uni<Void>> drive;
    private final Set<UUID> active = ConcurrentHashMap.newKeySet();

    public Drives(String kind, Vertx vertx, Function<UUID, Uni<Void>> drive) {
        this.kind = kind;
        this.vertx = vertx;
        this.drive = drive;
    }

    /** Drives the job unless this instance already does. */
    public void launch(UUID id) {
        if (!active.add(id)) {
            return;
        }
        Context context = VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> drive.apply(id).onTermination().invoke(() -> active.remove(id))
                .subscribe().with(done -> LOG.debugf("%s %s: no step left to drive now", kind, id),
                        failure -> LOG.errorf(failure, "%s %s stopped on an unexpected error", kind, id)));
    }

    /** The jobs driven here now (whose leases the sweep renews). */
    public List<UUID> active() {
        return List.copyOf(active);
    }

    /** Launches each resumable job nobody here drives yet. */
    public void resume(List<UUID> resumable) {
        resumable.stream().filter(id -> !active.contains(id)).forEach(id -> {
            LOG.infof("resuming %s %s", kind, id);
            launch(id);
        });
    }
}
