package io.lobsterops.notification.api;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.lobsterops.notification.service.MaintenanceService;
import io.smallrye.mutiny.Uni;

@Path("/engagements/{engagementId}/maintenance-windows")
@Tag(name = "Maintenance windows", description = "Planned maintenance of an agent, told to its client")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.SERVICE })
public class MaintenanceWindowResource {

    private final MaintenanceService maintenance;
    private final Caller caller;

    public MaintenanceWindowResource(MaintenanceService maintenance, Caller caller) {
        this.maintenance = maintenance;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Announces a planned maintenance: the client's destinations are told when (not why), and the "
            + "client's messages stay in the cockpit during the window")
    public Uni<Response> plan(@PathParam("engagementId") UUID engagementId,
            @Valid @NotNull MaintenanceWindowRequest request) {
        return maintenance.plan(engagementId, request, caller.name()).map(window -> Response
                .created(URI.create("/engagements/" + engagementId + "/maintenance-windows/" + window.id))
                .entity(MaintenanceWindowView.from(window)).build());
    }

    @GET
    @Operation(summary = "The engagement's maintenance windows, latest start first, cancelled ones included")
    public Uni<PageView<MaintenanceWindowView>> list(@PathParam("engagementId") UUID engagementId,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        return maintenance.list(engagementId, paging.page(), paging.size())
                .map(found -> found.map(MaintenanceWindowView::from));
    }

    @GET
    @Path("{id}")
    public Uni<MaintenanceWindowView> get(@PathParam("engagementId") UUID engagementId, @PathParam("id") UUID id) {
        return maintenance.find(engagementId, id).map(MaintenanceWindowView::from);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Cancels a maintenance not yet over and tells the client; again: no change; over: 409")
    public Uni<MaintenanceWindowView> cancel(@PathParam("engagementId") UUID engagementId, @PathParam("id") UUID id) {
        return maintenance.cancel(engagementId, id, caller.name()).map(MaintenanceWindowView::from);
    }
}
