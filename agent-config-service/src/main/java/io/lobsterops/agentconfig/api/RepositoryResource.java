package io.lobsterops.agentconfig.api;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lobsterops.agentconfig.git.RemoteState;
import io.lobsterops.agentconfig.service.RepositoryService;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/engagements/{id}/repository")
@Tag(name = "Repositories", description = "The client's git repository behind each engagement")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT, Roles.SERVICE })
public class RepositoryResource {

    private final RepositoryService repositories;
    private final Caller caller;

    public RepositoryResource(RepositoryService repositories, Caller caller) {
        this.repositories = repositories;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The engagement's repository: location, default branch, head and commits (newest first); "
            + "staff only: a client gets 404 (ADR 0044)")
    public Uni<RepositoryView> repository(@PathParam("id") UUID engagementId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        caller.staffOnly();
        return repositories.repository(engagementId, caller.clientScope(), limit).map(RepositoryView::from);
    }

    @POST
    @Path("sync")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.SERVICE })
    @Operation(summary = "Push the repository's branches and tags to the configured git server now (what a failed "
            + "push left behind goes out); 503 when the server cannot be reached, 502 when its host key is not the "
            + "pinned one or it refuses")
    public Uni<RemoteState> sync(@PathParam("id") UUID engagementId) {
        return repositories.sync(engagementId);
    }
}
