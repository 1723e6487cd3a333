package io.lobsterops.agentconfig.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lobsterops.agentconfig.domain.LintAllowance;
import io.lobsterops.agentconfig.service.LintTermsService;
import io.lobsterops.agentconfig.service.LintTermsService.Terms;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * The leak lint's run-time data (ADR 0045): the agency's confidential terms and suppliers, versioned and set by a
 * supervisor with a reason; and one finding allowed for one agent, by a supervisor, with a reason. Staff only.
 */
@Path("/")
@Tag(name = "Leak lint", description = "Confidential terms, suppliers and allowed findings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
public class LintResource {

    private final LintTermsService lint;
    private final Caller caller;

    public LintResource(LintTermsService lint, Caller caller) {
        this.lint = lint;
        this.caller = caller;
    }

    public record TermsRequest(
            @NotNull @Size(max = 500) List<@NotBlank @Size(max = 200) @Pattern(regexp = "[^\\n]*",
                    message = "one line a term") String> terms,
            @NotNull @Size(max = 200) List<@NotBlank @Size(max = 100) @Pattern(regexp = "[^\\n]*",
                    message = "one line a supplier") String> suppliers,
            @NotBlank @Size(max = 1000) String reason,
            @NotNull @Min(0) Integer expectedVersion) {
    }

    public record AllowanceRequest(@NotBlank @Size(max = 300) String file, @NotBlank @Size(max = 100) String rule,
            @NotNull @Size(max = 400) String excerpt, @NotBlank @Size(max = 2000) String reason) {
    }

    public record AllowanceView(UUID id, UUID engagementId, String file, String rule, String excerpt, String reason,
            String allowedBy, Instant allowedAt) {

        static AllowanceView from(LintAllowance a) {
            return new AllowanceView(a.id, a.engagementId, a.file, a.rule, a.excerpt, a.reason, a.allowedBy,
                    a.allowedAt);
        }
    }

    @GET
    @Path("lint/terms")
    @Operation(summary = "The agency's confidential terms and suppliers in force, with their version (0: defaults)")
    public Uni<Terms> terms() {
        return lint.current();
    }

    @GET
    @Path("lint/terms/history")
    @Operation(summary = "Every version of the terms, newest first: who set them, when and why")
    public Uni<List<Terms>> history() {
        return lint.history();
    }

    @PUT
    @Path("lint/terms")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "A new version of the terms and suppliers (supervisor, with a reason; 409 if expectedVersion "
            + "is not the version in force)")
    public Uni<Terms> setTerms(@Valid @NotNull TermsRequest request) {
        return lint.set(request.terms(), request.suppliers(), request.reason(), request.expectedVersion(),
                caller.name());
    }

    @GET
    @Path("engagements/{id}/agent/lint-allowances")
    @Operation(summary = "The lint findings allowed for this agent, with who allowed them and why")
    public Uni<List<AllowanceView>> allowances(@PathParam("id") UUID engagementId) {
        return lint.allowances(engagementId).map(list -> list.stream().map(AllowanceView::from).toList());
    }

    @POST
    @Path("engagements/{id}/agent/lint-allowances")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Allow one finding (file, rule and excerpt as the preview shows them) for this agent, with a "
            + "reason (supervisor)")
    public Uni<Response> allow(@PathParam("id") UUID engagementId, @Valid @NotNull AllowanceRequest request) {
        return lint.allow(engagementId, request.file(), request.rule(), request.excerpt(), request.reason(),
                caller.name()).map(a -> Response.created(URI.create("/engagements/" + engagementId
                        + "/agent/lint-allowances")).entity(AllowanceView.from(a)).build());
    }
}
