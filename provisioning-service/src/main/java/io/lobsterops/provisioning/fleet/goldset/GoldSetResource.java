package io.lobsterops.provisioning.fleet.goldset;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/** The gold-set evaluations of an engagement (ADR 0037): staff only; a client gets 404, as if there were none. */
@Path("/engagements/{id}/gold-set-evaluations")
@Tag(name = "Gold set", description = "The released gold set run on the agent's gateway")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT, Roles.SERVICE })
public class GoldSetResource {

    static final int MAX_PAGE_SIZE = 100;

    private final GoldSetEvaluations evaluations;
    private final Caller caller;

    public GoldSetResource(GoldSetEvaluations evaluations, Caller caller) {
        this.evaluations = evaluations;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The gold sets run on the engagement's gateway (after each deployment, upgrade or on demand), "
            + "newest first, with each case's verdict, reason and redacted excerpt; staff only (a client gets 404)")
    public Uni<List<GoldSetEvaluationView>> evaluations(@PathParam("id") UUID engagementId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
        return evaluations.ofEngagement(engagementId, caller.clientScope(), page, size)
                .map(list -> list.stream().map(e -> GoldSetEvaluationView.from(e, evaluations.cases(e))).toList());
    }
}
