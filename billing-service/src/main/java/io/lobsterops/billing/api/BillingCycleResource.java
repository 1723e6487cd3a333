package io.lobsterops.billing.api;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lobsterops.billing.service.BillingCycle;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/billing-cycles")
@Tag(name = "Billing cycles", description = "The monthly maintenance and usage invoices")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPERVISOR)
public class BillingCycleResource {

    private final BillingCycle cycle;

    public BillingCycleResource(BillingCycle cycle) {
        this.cycle = cycle;
    }

    @POST
    @Path("/{month}/run")
    @Operation(summary = "Bill a month now (supervisor): a month that is over as the daily schedule would, the current"
            + " month for what was in service so far (the run after it ends bills the rest); a month is billed once"
            + " per engagement up to where it was run, so running it again issues nothing new; ?engagementId= bills one"
            + " engagement only; 409 month-not-begun")
    public Uni<BillingCycle.Report> run(@PathParam("month") String month,
            @QueryParam("engagementId") UUID engagementId) {
        YearMonth parsed;
        try {
            parsed = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("The month must read yyyy-MM, e.g. 2026-11.");
        }
        return cycle.run(parsed, Optional.ofNullable(engagementId));
    }
}
