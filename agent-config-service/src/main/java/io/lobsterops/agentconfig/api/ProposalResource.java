package io.lobsterops.agentconfig.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lobsterops.agentconfig.api.RepositoryView.CommitView;
import io.lobsterops.agentconfig.api.ReviewRequests.ChangesRequest;
import io.lobsterops.agentconfig.api.ReviewRequests.RollbackRequest;
import io.lobsterops.agentconfig.api.ReviewRequests.RollbackView;
import io.lobsterops.agentconfig.pdf.PlaybookPdf;
import io.lobsterops.agentconfig.service.ProposalService;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/")
@Tag(name = "Review and versions", description = "Proposals, four-eyes approval, releases, diffs and rollbacks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT, Roles.SERVICE })
public class ProposalResource {

    public static final String MARKDOWN = "text/markdown";
    public static final String PDF = "application/pdf";

    private final ProposalService review;
    private final PlaybookPdf pdf;
    private final Caller caller;

    public ProposalResource(ProposalService review, PlaybookPdf pdf, Caller caller) {
        this.review = review;
        this.pdf = pdf;
        this.caller = caller;
    }

    @GET
    @Path("engagements/{id}/agent/playbook")
    @Produces(MARKDOWN)
    @Operation(summary = "The client's Agent Playbook of the released agent as Markdown (Accept: text/markdown); a "
            + "client gets only its own")
    public Uni<RestResponse<String>> playbook(@PathParam("id") UUID engagementId) {
        return review.playbook(engagementId, caller.clientScope()).map(markdown -> RestResponse.ResponseBuilder
                .ok(markdown, MARKDOWN + ";charset=UTF-8")
                .header("Content-Disposition", "inline; filename=\"PLAYBOOK.md\"").build());
    }

    @GET
    @Path("engagements/{id}/agent/playbook")
    @Produces(PDF)
    @Operation(summary = "The client's Agent Playbook of the released agent as PDF (Accept: application/pdf)")
    public Uni<RestResponse<byte[]>> playbookPdf(@PathParam("id") UUID engagementId) {
        return review.playbook(engagementId, caller.clientScope())
                .emitOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                .map(markdown -> RestResponse.ResponseBuilder.ok(pdf.render(markdown), PDF)
                        .header("Content-Disposition", "inline; filename=\"agent-playbook.pdf\"").build());
    }

    @POST
    @Path("engagements/{id}/agent/proposals")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Propose the current rendering for review: refused with the lint's findings if it is not clean")
    public Uni<Response> propose(@PathParam("id") UUID engagementId) {
        return review.propose(engagementId, caller.name()).map(reviewed -> Response
                .created(URI.create("/engagements/" + engagementId + "/agent/proposals/" + reviewed.proposal().id))
                .entity(ProposalView.from(reviewed)).build());
    }

    @GET
    @Path("engagements/{id}/agent/proposals")
    @Operation(summary = "The engagement's proposals, newest first; a client sees only its own")
    public Uni<List<ProposalView>> proposals(@PathParam("id") UUID engagementId) {
        caller.staffOnly();
        return review.proposals(engagementId, caller.clientScope())
                .map(list -> list.stream().map(p -> ProposalView.from(p, List.of())).toList());
    }

    @GET
    @Path("engagements/{id}/agent/proposals/{p}")
    @Operation(summary = "A proposal with its pre-deployment checklist, the automatic items answered by the lint; "
            + "staff only: a client gets 404 (ADR 0044)")
    public Uni<ProposalView> proposal(@PathParam("id") UUID engagementId, @PathParam("p") UUID proposalId) {
        caller.staffOnly();
        return review.proposal(engagementId, proposalId).map(ProposalView::from);
    }

    @POST
    @Path("engagements/{id}/agent/proposals/{p}/approve")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Approve (supervisor other than the author, clean lint): merge, tag release-N, publish config.approved")
    public Uni<ProposalView> approve(@PathParam("id") UUID engagementId, @PathParam("p") UUID proposalId) {
        return review.approve(engagementId, proposalId, caller.name()).map(ProposalView::from);
    }

    @POST
    @Path("engagements/{id}/agent/proposals/{p}/request-changes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Send a proposal back with comments")
    public Uni<ProposalView> requestChanges(@PathParam("id") UUID engagementId, @PathParam("p") UUID proposalId,
            @Valid @NotNull ChangesRequest request) {
        return review.requestChanges(engagementId, proposalId, request.comments(), caller.name())
                .map(ProposalView::from);
    }

    @GET
    @Path("engagements/{id}/agent/versions")
    @Operation(summary = "The commits of the client repository's default branch, newest first")
    public Uni<List<CommitView>> versions(@PathParam("id") UUID engagementId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        caller.staffOnly();
        return review.versions(engagementId, caller.clientScope(), limit)
                .map(history -> history.commits().stream().map(CommitView::from).toList());
    }

    @GET
    @Path("engagements/{id}/agent/versions/{a}/diff/{b}")
    @Produces("text/x-diff")
    @Operation(summary = "A unified diff between two commits")
    public Uni<String> diff(@PathParam("id") UUID engagementId, @PathParam("a") String from,
            @PathParam("b") String to) {
        caller.staffOnly();
        return review.diff(engagementId, caller.clientScope(), from, to);
    }

    @POST
    @Path("engagements/{id}/agent/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "A new commit on the default branch restoring an earlier commit's tree exactly")
    public Uni<RollbackView> rollback(@PathParam("id") UUID engagementId, @Valid @NotNull RollbackRequest request) {
        return review.rollback(engagementId, request.commit(), caller.name()).map(RollbackView::new);
    }
}
