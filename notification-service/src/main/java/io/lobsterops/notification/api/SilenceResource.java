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
import io.lobsterops.notification.service.SilenceService;
import io.smallrye.mutiny.Uni;

@Path("/silences")
@Tag(name = "Silences", description = "Hold a client's messages in the cockpit until an end time (P0 still pages)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.SERVICE })
public class SilenceResource {

    private final SilenceService silences;
    private final Caller caller;

    public SilenceResource(SilenceService silences, Caller caller) {
        this.silences = silences;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Silences not yet ended (all=true: every one), of one client when given, by end time")
    public Uni<PageView<SilenceView>> list(@QueryParam("clientId") String clientId, @QueryParam("all") String all,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        return silences.list(Optional.ofNullable(clientId).filter(c -> !c.isBlank()),
                        PageRequest.bool("all", all).orElse(false), paging.page(), paging.size())
                .map(found -> found.map(SilenceView::from));
    }

    @GET
    @Path("{id}")
    public Uni<SilenceView> get(@PathParam("id") UUID id) {
        return silences.find(id).map(SilenceView::from);
    }

    @POST
    public Uni<jakarta.ws.rs.core.Response> create(@Valid @NotNull SilenceRequest request) {
        return silences.create(request, caller.name()).map(silence -> jakarta.ws.rs.core.Response
                .created(URI.create("/silences/" + silence.id)).entity(SilenceView.from(silence)).build());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Ends a silence now")
    public Uni<SilenceView> end(@PathParam("id") UUID id) {
        return silences.end(id).map(SilenceView::from);
    }
}
