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
import jakarta.ws.rs.PUT;
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
import io.lobsterops.notification.service.RouteService;
import io.smallrye.mutiny.Uni;

@Path("/routes")
@Tag(name = "Routes", description = "Routing rules: which messages go to which channel (supervisor only)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPERVISOR)
public class RouteResource {

    private final RouteService routes;
    private final Caller caller;

    public RouteResource(RouteService routes, Caller caller) {
        this.routes = routes;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The routing rules, the shipped defaults included, by audience, priority and channel")
    public Uni<PageView<RouteView>> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        return routes.list(paging.page(), paging.size()).map(found -> found.map(RouteView::from));
    }

    @GET
    @Path("{id}")
    public Uni<RouteView> get(@PathParam("id") UUID id) {
        return routes.find(id).map(RouteView::from);
    }

    @POST
    @Operation(summary = "Adds a rule; a rule naming a destination may only name one it can reach (400 otherwise)")
    public Uni<Response> create(@Valid @NotNull RouteRequest request) {
        return routes.create(request, caller.name()).map(route -> Response
                .created(URI.create("/routes/" + route.id)).entity(RouteView.from(route)).build());
    }

    @PUT
    @Path("{id}")
    public Uni<RouteView> update(@PathParam("id") UUID id, @Valid @NotNull RouteRequest request) {
        return routes.update(id, request).map(RouteView::from);
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return routes.delete(id).map(done -> Response.noContent().build());
    }

    @POST
    @Path("test")
    @Operation(summary = "Where an event would go — its messages and their destinations — without storing or sending")
    public Uni<RouteTestView> test(@Valid @NotNull RouteTestRequest request) {
        return routes.test(request.type().strip(), request.event());
    }
}
