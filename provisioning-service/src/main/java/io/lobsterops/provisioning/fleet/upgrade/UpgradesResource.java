package io.lobsterops.provisioning.fleet.upgrade;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.blocking.Blocking;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/upgrades")
@Tag(name = "Upgrades", description = "OpenClaw upgrades of a gateway with a verified snapshot and automatic rollback"
        + " (runbook §4)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT })
public class UpgradesResource {

    private final UpgradeService upgrades;
    private final UpgradeWaves waves;
    private final Caller caller;
    private final Blocking blocking;

    public UpgradesResource(UpgradeService upgrades, UpgradeWaves waves, Caller caller, Blocking blocking) {
        this.blocking = blocking;
        this.upgrades = upgrades;
        this.waves = waves;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Upgrade a fleet in a wave (supervisor): the gateways in the order given, the first the canary;"
            + " each one's upgrade (as POST /gateways/{id}/upgrades) starts only once the one before it was kept, and"
            + " the first rollback halts the wave, the rest staying on their version. The whole wave is checked before"
            + " anything runs. 202 with the wave; follow it at /upgrade-waves/{id}")
    public Uni<RestResponse<UpgradeWaveView>> wave(@Valid @NotNull UpgradeWaveRequest request) {
        staffOnly();
        if (!caller.is(Roles.SUPERVISOR)) {
            throw new ProblemException(io.lobsterops.kit.api.ProblemType.FORBIDDEN,
                    "Only a supervisor upgrades gateways.");
        }
        return waves.start(request.openclawVersion(), request.wave(), caller.name())
                .map(wave -> RestResponse.ResponseBuilder.<UpgradeWaveView> create(RestResponse.Status.ACCEPTED)
                        .location(URI.create("/upgrade-waves/" + wave.id)).entity(UpgradeWaveView.from(wave)).build());
    }



    @GET
    @Path("/{id}")
    @Operation(summary = "An upgrade with each step's status and output (secrets redacted)")
    public Uni<UpgradeView> get(@PathParam("id") UUID id) {
        staffOnly();
        return upgrades.find(id).map(UpgradeView::from);
    }

    /** A client sees no upgrade: as if it did not exist. */
    private void staffOnly() {
        if (!caller.isStaff()) {
            throw new ProblemException(io.lobsterops.kit.api.ProblemType.NOT_FOUND, "Not found.");
        }
    }

    /** Marks the end of a stream; never sent. */
    private static final UpgradeView END = new UpgradeView(null, null, null, null, null, null, null, null, null, null,
            null, null, List.of());

    /** The upgrade now, read on a Vert.x context of its own (the ticks come from another thread). */
    private Uni<UpgradeView> load(UUID id) {
        return blocking.apart(() -> upgrades.find(id).map(UpgradeView::from));
    }

    private static String key(UpgradeView view) {
        StringBuilder key = new StringBuilder(view.status());
        view.steps().forEach(step -> key.append('|').append(step.status).append(step.attempts));
        return key.toString();
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The upgrade as server-sent events: its state now, then every change until it is kept or"
            + " rolled back")
    public Multi<UpgradeView> events(@PathParam("id") UUID id) {
        staffOnly();
        return upgrades.find(id).map(UpgradeView::from).onItem().transformToMulti(first -> {
            if (first.finished()) {
                return Multi.createFrom().item(first);
            }
            // the state each second, sent when it changed (ADR 0041), ending with (and including) a finished one
            java.util.concurrent.atomic.AtomicReference<String> last = new java.util.concurrent.atomic.AtomicReference<>(
                    key(first));
            Multi<UpgradeView> polled = Multi.createFrom().ticks().every(Duration.ofSeconds(1)).onOverflow().drop()
                    .onItem().transformToUniAndConcatenate(tick -> load(id))
                    .select().where(view -> !key(view).equals(last.getAndSet(key(view))));
            return Multi.createBy().concatenating().streams(Multi.createFrom().item(first), polled)
                    .onItem().transformToMultiAndConcatenate(view -> view.finished()
                            ? Multi.createFrom().items(view, END) : Multi.createFrom().item(view))
                    .select().first(view -> view != END);
        });
    }
}
