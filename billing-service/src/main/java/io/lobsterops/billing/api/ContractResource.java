package io.lobsterops.billing.api;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
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

import io.lobsterops.billing.config.BillingConfig;
import io.lobsterops.billing.service.ContractService;
import io.lobsterops.billing.service.PaymentLinks;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/engagements/{id}/contract")
@Tag(name = "Contracts", description = "Versioned contracts: engineers draft, supervisors sign")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.SERVICE })
public class ContractResource {

    private final ContractService contracts;
    private final io.lobsterops.billing.service.BalanceInvoice balance;
    private final PaymentLinks links;
    private final BillingConfig config;
    private final Caller caller;

    public ContractResource(ContractService contracts, io.lobsterops.billing.service.BalanceInvoice balance,
            PaymentLinks links, BillingConfig config, Caller caller) {
        this.contracts = contracts;
        this.balance = balance;
        this.links = links;
        this.config = config;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Draft a new contract version (the first, or an amendment of the signed one)")
    public Uni<RestResponse<ContractView>> draft(@PathParam("id") UUID engagementId,
            @Valid @NotNull ContractRequest request, UriInfo uri) {
        return contracts.draft(engagementId, request.terms(config), caller.name())
                .map(contract -> RestResponse.ResponseBuilder.<ContractView> created(uri.getAbsolutePathBuilder()
                        .path("versions").path(String.valueOf(contract.version)).build())
                        .entity(ContractView.from(contract)).build());
    }

    @GET
    @Operation(summary = "The newest contract version, draft or signed")
    public Uni<ContractView> current(@PathParam("id") UUID engagementId) {
        return contracts.current(engagementId).map(ContractView::from);
    }

    @GET
    @Path("/versions")
    @Operation(summary = "Every version, newest first")
    public Uni<List<ContractView>> versions(@PathParam("id") UUID engagementId) {
        return contracts.versions(engagementId).map(all -> all.stream().map(ContractView::from).toList());
    }

    @GET
    @Path("/versions/{version}")
    @Operation(summary = "One version")
    public Uni<ContractView> version(@PathParam("id") UUID engagementId, @PathParam("version") int version) {
        return contracts.versions(engagementId).map(all -> all.stream().filter(c -> c.version == version)
                .findFirst().map(ContractView::from)
                .orElseThrow(() -> io.lobsterops.kit.api.ProblemException.notFound(
                        "Version " + version + " of the contract of engagement", engagementId)));
    }

    @POST
    @Path("/versions/{version}/sign")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Sign the newest draft (supervisor): immutable from now, contract.signed published, the"
            + " deposit invoiced at the first signature")
    public Uni<ContractView> sign(@PathParam("id") UUID engagementId, @PathParam("version") @Min(1) int version) {
        return contracts.sign(engagementId, version, caller.name()).call(signed -> signed.deposit() == null
                ? Uni.createFrom().voidItem()
                : links.attach(signed.deposit().id).onFailure().recoverWithNull())   // the sweep retries
                .map(signed -> ContractView.from(signed.contract(),
                        signed.deposit() == null ? null : signed.deposit().id));
    }

    @POST
    @Path("/acceptance")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Record the client's acceptance of the delivery (supervisor): issues the balance invoice when"
            + " the contract bills it on acceptance; audited on the account's timeline")
    public Uni<RestResponse<InvoiceView>> accepted(@PathParam("id") UUID engagementId,
            @Valid @NotNull AcceptanceRequest request, UriInfo uri) {
        return balance.clientAccepted(engagementId, request.acceptedBy().strip(), request.note(), caller.name())
                .chain(invoice -> links.attach(invoice.id).onFailure().recoverWithItem(invoice))
                .map(invoice -> RestResponse.ResponseBuilder.<InvoiceView> created(uri.getBaseUriBuilder()
                        .path("invoices").path(invoice.id.toString()).build())
                        .entity(InvoiceView.summary(invoice)).build());
    }
}
