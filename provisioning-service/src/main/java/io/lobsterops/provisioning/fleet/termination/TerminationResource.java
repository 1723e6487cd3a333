package io.lobsterops.provisioning.fleet.termination;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.lobsterops.kit.blocking.Blocking;
import io.smallrye.mutiny.Uni;

@jakarta.ws.rs.Path("/engagements/{id}/termination")
@Tag(name = "Terminations", description = "The end of an agent: archive, deletion and its certificate (runbook §5)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT })
public class TerminationResource {

    static final String PDF = "application/pdf";
    static final String ZIP = "application/zip";

    private final TerminationService terminations;
    private final TerminationRunner runner;
    private final ArchiveStore store;
    private final Blocking blocking;
    private final Caller caller;

    public TerminationResource(TerminationService terminations, TerminationRunner runner, ArchiveStore store,
            Blocking blocking, Caller caller) {
        this.terminations = terminations;
        this.runner = runner;
        this.store = store;
        this.blocking = blocking;
        this.caller = caller;
    }

    @POST
        @Operation(summary = "Terminate the engagement's agent (supervisor): stop and remove the gateway, archive its data"
            + " with a SHA-256 manifest, delete it and its secrets from the host and the platform, publish"
            + " agent.terminated. 202 with the termination; 409 when one exists")
    public Uni<RestResponse<TerminationView>> terminate(@PathParam("id") UUID engagementId,
            @Valid @NotNull TerminationRequest request) {
        if (caller.is(Roles.CLIENT) && !caller.isStaff()) {
            throw ProblemException.notFound("Engagement", engagementId);
        }
        if (!caller.is(Roles.SUPERVISOR)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only a supervisor terminates an agent.");
        }
        return terminations.request(engagementId, request.reason().strip(), caller.name()).invoke(t -> runner.launch(t.id))
                .map(t -> RestResponse.ResponseBuilder.<TerminationView> create(RestResponse.Status.ACCEPTED)
                        .location(URI.create("/terminations/" + t.id)).entity(TerminationView.from(t)).build());
    }

    @GET
        @Operation(summary = "The engagement's termination and its steps (staff)")
    public Uni<TerminationView> ofEngagement(@PathParam("id") UUID engagementId) {
        staffOnly(engagementId);
        return terminations.ofEngagement(engagementId, caller.clientScope()).map(TerminationView::from);
    }







    private void staffOnly(UUID id) {
        if (!caller.isStaff()) {
            throw ProblemException.notFound("Termination", id);
        }
    }
}
