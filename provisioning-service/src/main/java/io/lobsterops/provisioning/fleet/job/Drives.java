package io.lobsterops.provisioning.fleet.job;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.lobsterops.kit.blocking.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * The resumable jobs of one kind (provisioning runs, terminations, upgrades) this instance drives now: each at most
 * once at a time, on a virtual thread and a duplicated Vert.x context of its own ({@link Blocking#launch}); the kind's
 * sweep renews their leases and resumes the others.
 */
public final class Drives {

    private static final Logger LOG = Logger.getLogger(Drives.class);

    private final String kind;
    private final Blocking blocking;
    private final Function<UUID, Uni<Void>> drive;
    private final Set<UUID> active = ConcurrentHashMap.newKeySet();

    public Drives(String kind, Blocking blocking, Function<UUID, Uni<Void>> drive) {
        this.kind = kind;
        this.blocking = blocking;
        this.drive = drive;
    }

    /** Drives the job unless this instance already does. */
    public void launch(UUID id) {
        if (!active.add(id)) {
            return;
        }
        blocking.launch(kind + "-" + id, () -> drive.apply(id), () -> active.remove(id));
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
