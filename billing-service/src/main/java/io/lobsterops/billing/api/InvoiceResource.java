package io.lobsterops.billing.api;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.lobsterops.billing.service.InvoiceService;
import io.lobsterops.billing.service.PaymentService;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/")
@Tag(name = "Invoices", description = "Invoices and credit notes, as JSON or PDF; a client sees only its own")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT, Roles.SERVICE })
public class InvoiceResource {

    public static final String PDF = "application/pdf";

    private final InvoiceService invoices;
    private final PaymentService payments;
    private final Caller caller;

    public InvoiceResource(InvoiceService invoices, PaymentService payments, Caller caller) {
        this.invoices = invoices;
        this.payments = payments;
        this.caller = caller;
    }

    @GET
    @Path("engagements/{id}/invoices")
    @Operation(summary = "The invoices of an engagement, oldest first")
    public Uni<List<InvoiceView>> ofEngagement(@PathParam("id") UUID engagementId) {
        return invoices.ofEngagement(engagementId, caller.clientScope())
                .map(all -> all.stream().map(InvoiceView::summary).toList());
    }

    @GET
    @Path("engagements/{id}/usage")
    @Operation(summary = "The engagement's model usage per agent and day, and what of it is billed")
    public Uni<List<UsageView>> usage(@PathParam("id") UUID engagementId) {
        return invoices.usage(engagementId, caller.clientScope())
                .map(all -> all.stream().map(UsageView::from).toList());
    }

    @GET
    @Path("invoices/{id}")
    @Operation(summary = "One invoice with its lines and payment (JSON)")
    public Uni<InvoiceView> invoice(@PathParam("id") UUID id) {
        boolean staff = caller.isStaff();
        return invoices.find(id, caller.clientScope()).map(found -> InvoiceView.from(found, staff));
    }

    @GET
    @Path("invoices/{id}")
    @Produces(PDF)
    @Operation(summary = "One invoice as PDF (Accept: application/pdf)")
    public Uni<RestResponse<byte[]>> pdf(@PathParam("id") UUID id) {
        return invoices.pdf(id, caller.clientScope()).map(bytes -> RestResponse.ResponseBuilder.ok(bytes, PDF)
                .header("Content-Disposition", "inline; filename=\"invoice-" + id + ".pdf\"").build());
    }

    @GET
    @Path("exports/invoices/{month}")
    @Produces("text/csv")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "The invoices and credit notes issued in a month (yyyy-MM, UTC) as CSV, for the accountant")
    public Uni<RestResponse<String>> export(@PathParam("month") String month) {
        YearMonth parsed;
        try {
            parsed = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("The month must read yyyy-MM, e.g. 2026-11.");
        }
        return invoices.csv(parsed).map(csv -> RestResponse.ResponseBuilder.ok(csv, "text/csv")
                .header("Content-Disposition", "attachment; filename=\"invoices-" + parsed + ".csv\"").build());
    }

    @POST
    @Path("invoices/{id}/payments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Record a payment received outside Stripe (supervisor; who and why are kept)")
    public Uni<RestResponse<InvoiceView>> manualPayment(@PathParam("id") UUID id,
            @Valid @NotNull ManualPaymentRequest request) {
        return payments.manual(id, request.reference().strip(), request.reason().strip(), caller.name())
                .chain(payment -> invoices.find(id, caller.clientScope()))
                .map(found -> RestResponse.status(RestResponse.Status.CREATED, InvoiceView.from(found, true)));
    }

    @POST
    @Path("invoices/{id}/credit-note")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Cancel an invoice with a credit note (supervisor)")
    public Uni<RestResponse<InvoiceView>> creditNote(@PathParam("id") UUID id,
            @Valid @NotNull CreditNoteRequest request, UriInfo uri) {
        return invoices.creditNote(id, request.reason().strip())
                .chain(note -> invoices.find(note.id, caller.clientScope()))
                .map(found -> RestResponse.ResponseBuilder.<InvoiceView> created(uri.getBaseUriBuilder()
                        .path("invoices").path(found.invoice().id.toString()).build())
                        .entity(InvoiceView.from(found, true)).build());
    }
}
