package io.lobsterops.provisioning.engagement.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.lobsterops.provisioning.engagement.service.ClientService;
import io.smallrye.mutiny.Uni;

/** The client companies: created when their first engagement opens, corrected here by a supervisor (ADR 0059). */
@Path("/clients")
@Tag(name = "Clients", description = "Client companies: list, correct a name, archive one created by mistake")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.SERVICE })
public class ClientResource {

    private final ClientService clients;
    private final Caller caller;

    public ClientResource(ClientService clients, Caller caller) {
        this.clients = clients;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Clients, oldest first (staff)")
    public Uni<PageView<ClientView>> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(EngagementResource.MAX_PAGE_SIZE) int size) {
        return clients.page(page, size).map(found -> found.map(ClientView::inList));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.SERVICE, Roles.CLIENT })
    @Operation(summary = "One client with its corrections; a client user sees only its own, without the agency's audit")
    public Uni<ClientView> get(@PathParam("id") String id) {
        return clients.find(id, caller.clientScope())
                .map(found -> caller.clientScope().isPresent() ? ClientView.forClient(found.client())
                        : ClientView.forStaff(found));
    }

    @PUT
    @Path("/{id}/name")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Correct the client's name (supervisor, with a reason; audited and published as client.renamed)")
    public Uni<ClientView> rename(@PathParam("id") String id, @Valid @NotNull RenameClientRequest request) {
        return clients.rename(id, request.name().strip(), request.reason().strip(), caller.name())
                .map(ClientView::forStaff);
    }

    @POST
    @Path("/{id}/archive")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Archive a client none of whose engagements is open; it gets no new engagement (supervisor)")
    public Uni<ClientView> archive(@PathParam("id") String id, @Valid @NotNull ArchiveClientRequest request) {
        return clients.archive(id, request.reason().strip(), caller.name()).map(ClientView::forStaff);
    }
}
