package io.lobsterops.billing.api;

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

import io.lobsterops.billing.service.PresaleService;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/")
@Tag(name = "Proposals and SOWs", description = "Presale documents, reviewed four-eyes before they are sent")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
public class PresaleResource {

    private final PresaleService documents;
    private final Caller caller;

    public PresaleResource(PresaleService documents, Caller caller) {
        this.documents = documents;
        this.caller = caller;
    }

    @POST
    @Path("engagements/{id}/documents")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Draft a proposal or SOW from the client's discovery answers, the engineer's notes and the"
            + " newest contract version")
    public Uni<RestResponse<PresaleView>> draft(@PathParam("id") UUID engagementId,
            @Valid @NotNull PresaleRequest request, UriInfo uri) {
        return documents.draft(engagementId, request.kind(), request.toNotes(), caller.name())
                .map(document -> RestResponse.ResponseBuilder.<PresaleView> created(uri.getBaseUriBuilder()
                        .path("documents").path(document.id.toString()).build())
                        .entity(PresaleView.from(document)).build());
    }

    @GET
    @Path("engagements/{id}/documents")
    @Operation(summary = "The engagement's proposals and SOWs, oldest first")
    public Uni<List<PresaleView>> list(@PathParam("id") UUID engagementId) {
        return documents.of(engagementId).map(all -> all.stream().map(PresaleView::from).toList());
    }

    @GET
    @Path("engagements/{id}/discovery")
    @Operation(summary = "Billing's copy of the client's discovery answers (from discovery.answered), which proposals"
            + " and SOWs are written from")
    public Uni<DiscoveryView> discovery(@PathParam("id") UUID engagementId) {
        return documents.discovery(engagementId).map(DiscoveryView::from);
    }

    @GET
    @Path("documents/{id}")
    @Operation(summary = "One document and its review (JSON)")
    public Uni<PresaleView> get(@PathParam("id") UUID id) {
        return documents.find(id).map(PresaleView::from);
    }

    @GET
    @Path("documents/{id}")
    @Produces(InvoiceResource.PDF)
    @Operation(summary = "One document as PDF (Accept: application/pdf)")
    public Uni<RestResponse<byte[]>> pdf(@PathParam("id") UUID id) {
        return documents.pdf(id).map(bytes -> RestResponse.ResponseBuilder.ok(bytes, InvoiceResource.PDF).build());
    }

    @POST
    @Path("documents/{id}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Go/No-Go with the reason, by a supervisor other than the author")
    public Uni<PresaleView> review(@PathParam("id") UUID id, @Valid @NotNull ReviewRequest request) {
        return documents.review(id, request.decision(), request.reason().strip(), caller.name())
                .map(PresaleView::from);
    }

    @POST
    @Path("documents/{id}/sent")
    @Operation(summary = "Mark an approved document as sent to the client")
    public Uni<PresaleView> sent(@PathParam("id") UUID id) {
        return documents.sent(id, caller.name()).map(PresaleView::from);
    }
}
