package io.lobsterops.provisioning.fleet.api;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.lobsterops.provisioning.fleet.placement.GatewayPlacement;
import io.lobsterops.provisioning.fleet.run.ProvisioningService;
import io.lobsterops.provisioning.fleet.run.RunEvents;
import io.lobsterops.provisioning.fleet.run.RunView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/provisioning-runs")
@Tag(name = "Provisioning runs", description = "Ordered, idempotent, resumable steps that install and start a gateway")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT, Roles.SERVICE })
public class RunResource {

    private final ProvisioningService provisioning;
    private final GatewayPlacement placement;
    private final RunEvents events;
    private final Caller caller;

    public RunResource(ProvisioningService provisioning, GatewayPlacement placement, RunEvents events,
            Caller caller) {
        this.provisioning = provisioning;
        this.placement = placement;
        this.events = events;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A run with each step's status, times, exit status and output (secrets redacted)")
    public Uni<RunView> get(@PathParam("id") UUID id) {
        caller.staffOnly();
        return provisioning.view(id, caller.clientScope());
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The run as server-sent events: its state now, then every change until it finishes")
    public Multi<RunView> stream(@PathParam("id") UUID id) {
        caller.staffOnly();
        return provisioning.view(id, caller.clientScope()).onItem().transformToMulti(first -> {
            if (first.status().finished()) {
                return Multi.createFrom().item(first);
            }
            // listening first, then the state now: a change between the two is not missed; the stream ends with
            // (and includes) the first finished state it sees
            Multi<RunView> live = events.of(id);
            Multi<RunView> now = provisioning.view(id, caller.clientScope()).toMulti();
            return Multi.createBy().merging().streams(now, live)
                    .onItem().transformToMultiAndConcatenate(view -> view.status().finished()
                            ? Multi.createFrom().items(view, END)
                            : Multi.createFrom().item(view))
                    .select().first(view -> view != END);
        });
    }

    /** Marks the end of a stream; never sent. */
    private static final RunView END = new RunView(null, null, null, null, null, null, null, null, null, null, 0,
            null, java.util.List.of());

    @POST
    @Path("/{id}/resume")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Resume a failed or interrupted run from its step; a finished run is left unchanged")
    public Uni<RunView> resume(@PathParam("id") UUID id) {
        return placement.resume(id).map(RunView::from);
    }
}
