package io.lobsterops.notification.api;

import java.net.URI;
import java.util.Optional;
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
import io.lobsterops.notification.service.DestinationService;
import io.smallrye.mutiny.Uni;

@Path("/destinations")
@Tag(name = "Destinations", description = "Telegram chats, e-mail addresses, Slack webhooks; secrets never shown")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.SERVICE, Roles.CLIENT })
// a client user gets 404 for one destination (as if it did not exist) and 403 for the list (ADR 0052)
public class DestinationResource {

    private final DestinationService destinations;
    private final Caller caller;

    public DestinationResource(DestinationService destinations, Caller caller) {
        this.destinations = destinations;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.SERVICE })
    @Operation(summary = "Destinations (staff only): all, or one client's; staff=true: the staff ones, the on-duty "
            + "list among them")
    public Uni<PageView<DestinationView>> list(@QueryParam("clientId") String clientId,
            @QueryParam("staff") String staff, @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        return destinations.list(new DestinationService.Filter(caller.clientScope(),
                        Optional.ofNullable(clientId).filter(c -> !c.isBlank()), PageRequest.bool("staff", staff)),
                        paging.page(), paging.size())
                .map(found -> found.map(DestinationView::from));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One destination; the agency's internals, 404 to a client user (ADR 0052)")
    public Uni<DestinationView> get(@PathParam("id") UUID id) {
        caller.staffOnly();
        return destinations.find(id, caller.clientScope()).map(DestinationView::from);
    }

    @POST
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Adds a destination; its secret (bot token, webhook URL) is sealed and never returned")
    public Uni<Response> create(@Valid @NotNull DestinationRequest request) {
        return destinations.create(request, caller.name()).map(destination -> Response
                .created(URI.create("/destinations/" + destination.id)).entity(DestinationView.from(destination))
                .build());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Replaces a destination's settings; the client stays; an absent secret keeps the current one")
    public Uni<DestinationView> update(@PathParam("id") UUID id, @Valid @NotNull DestinationRequest request) {
        return destinations.update(id, request).map(DestinationView::from);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.SUPERVISOR)
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return destinations.delete(id).map(done -> Response.noContent().build());
    }
}
