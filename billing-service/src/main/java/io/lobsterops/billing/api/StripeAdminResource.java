package io.lobsterops.billing.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lobsterops.billing.service.Reconciliation;
import io.lobsterops.kit.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/stripe/reconciliation")
@Tag(name = "Stripe")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SUPERVISOR)
public class StripeAdminResource {

    private final Reconciliation reconciliation;

    public StripeAdminResource(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @POST
    @Operation(summary = "Compare Stripe's recent paid sessions with the invoices now and settle what a lost webhook"
            + " left unpaid (it also runs on a schedule)")
    public Uni<Reconciliation.Report> run() {
        return reconciliation.run();
    }
}
