package io.lobsterops.monitoring.api;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import io.lobsterops.monitoring.domain.EscalationState;
import io.lobsterops.monitoring.service.EscalationService;
import io.smallrye.mutiny.Uni;

/**
 * Escalations are the agency's internal handoffs (they name hosts, what was tried, options): staff only. A client
 * hears about its agent through notification-service's client-facing messages, not here.
 */
@Path("/escalations")
@Tag(name = "Escalations", description = "Rules that fired, with the runbook's handoff; decisions and resolution")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.SERVICE })
public class EscalationResource {

    private final EscalationService escalations;
    private final Caller caller;

    public EscalationResource(EscalationService escalations, Caller caller) {
        this.escalations = escalations;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Escalations, open first, then by priority (P0 first), newest first")
    public Uni<PageView<EscalationView>> list(@QueryParam("state") String state,
            @QueryParam("engagementId") String engagementId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return escalations.page(Queries.enumOf(EscalationState.class, "state", state),
                Queries.uuid("engagementId", engagementId), page, size)
                .map(found -> found.map(e -> EscalationView.from(e, null)));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One escalation with its handoff and every decision taken")
    public Uni<EscalationView> one(@PathParam("id") UUID id) {
        return escalations.find(id).chain(e -> escalations.decisionsOf(id).map(d -> EscalationView.from(e, d)));
    }

    public record DecisionRequest(@NotBlank @Size(max = 200) String decision, @Size(max = 4000) String note) {
    }

    @POST
    @Path("{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Records who decided what (kept for good); acknowledges an open escalation")
    public Uni<Response> decide(@PathParam("id") UUID id, @Valid @NotNull DecisionRequest request) {
        return escalations.decide(id, request.decision().strip(), request.note(), caller.name())
                .chain(e -> escalations.decisionsOf(id).map(d -> EscalationView.from(e, d)))
                .map(view -> Response.created(URI.create("/escalations/" + id)).entity(view).build());
    }

    public record ResolveRequest(@NotBlank @Size(max = 2000) String resolution) {
    }

    @POST
    @Path("{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Resolves an escalation with what was done; publishes escalation.resolved (409 when already resolved)")
    public Uni<EscalationView> resolve(@PathParam("id") UUID id, @Valid @NotNull ResolveRequest request) {
        return escalations.resolve(id, request.resolution().strip(), caller.name())
                .chain(e -> escalations.decisionsOf(id).map(d -> EscalationView.from(e, d)));
    }
}
