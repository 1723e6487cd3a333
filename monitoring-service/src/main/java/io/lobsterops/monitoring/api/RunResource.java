package io.lobsterops.monitoring.api;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
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
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.lobsterops.monitoring.domain.AgentRun;
import io.lobsterops.monitoring.domain.Cadence;
import io.lobsterops.monitoring.domain.Optimizer;
import io.lobsterops.monitoring.domain.OptimizerProposal;
import io.lobsterops.monitoring.domain.ProposalState;
import io.lobsterops.monitoring.domain.RunStats;
import io.lobsterops.monitoring.service.RunService;
import io.smallrye.mutiny.Uni;

@Path("/")
@Tag(name = "Run metrics", description = "Runs of each agent's scheduled work, their summary and the optimizer")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.SERVICE })
public class RunResource {

    private final RunService runs;
    private final Caller caller;

    public RunResource(RunService runs, Caller caller) {
        this.runs = runs;
        this.caller = caller;
    }

    public record RunRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._:/-]*",
                    message = "letters, digits, space and . _ : / -") String activity,
            @NotNull Boolean success,
            @NotNull @PositiveOrZero @Max(86_400_000) Long durationMs,
            @DecimalMin("0.0") @DecimalMax("1.0") Double quality,
            @Size(max = 2000) String notes,
            Instant ranAt) {
    }

    public record RunView(UUID id, UUID engagementId, String activity, boolean success, long durationMs,
            Double quality, String notes, String recordedBy, Instant ranAt, Instant recordedAt) {

        static RunView from(AgentRun r) {
            return new RunView(r.id, r.engagementId, r.activity, r.success, r.durationMs, r.quality, r.notes,
                    r.recordedBy, r.ranAt, r.recordedAt);
        }
    }

    @POST
    @Path("engagements/{id}/runs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Records one run of an agent's scheduled work (201 + Location); quality and the optimizer look again")
    public Uni<Response> record(@PathParam("id") UUID engagementId, @Valid @NotNull RunRequest request) {
        Instant now = Instant.now();
        if (request.ranAt() != null && request.ranAt().isAfter(now.plus(5, ChronoUnit.MINUTES))) {
            throw ProblemException.badRequest("ranAt " + request.ranAt() + " is in the future");
        }
        return runs.record(engagementId, caller.clientScope(), new RunService.NewRun(request.activity(),
                request.success(), request.durationMs(), request.quality(), request.notes(),
                request.ranAt() == null ? null : request.ranAt().truncatedTo(ChronoUnit.MICROS)), caller.name())
                .map(run -> Response.created(URI.create("/engagements/" + engagementId + "/runs/" + run.id))
                        .entity(RunView.from(run)).build());
    }

    @GET
    @Path("engagements/{id}/runs")
    @Operation(summary = "Runs, newest first")
    public Uni<PageView<RunView>> list(@PathParam("id") UUID engagementId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return runs.page(engagementId, caller.clientScope(), page, size)
                .map(found -> found.map(RunView::from));
    }

    public record SummaryView(UUID engagementId, Instant since, RunStats overall, Map<String, RunStats> perActivity,
            Map<String, RunStats> perWeek) {
    }

    @GET
    @Path("engagements/{id}/runs/summary")
    @Operation(summary = "Success rate, p50/p95 duration and mean quality, overall, per activity and per ISO week, over the last `days` days")
    public Uni<SummaryView> summary(@PathParam("id") UUID engagementId,
            @QueryParam("days") @DefaultValue("28") @Min(1) @Max(366) int days) {
        Instant since = Instant.now().minus(days, ChronoUnit.DAYS);
        return runs.summary(engagementId, caller.clientScope(), since)
                .map(s -> new SummaryView(engagementId, since, s.overall(), s.perActivity(), s.perWeek()));
    }

    public record VerdictView(String activity, int records, boolean enoughData, Cadence cadence, RunStats stats,
            String advice, String proposedKind, String proposed) {

        static VerdictView from(Optimizer.Verdict v) {
            return new VerdictView(v.activity(), v.records(), v.enoughData(), v.cadence(), v.stats(), v.advice(),
                    v.recommendation().map(r -> r.kind().name()).orElse(null),
                    v.recommendation().map(r -> r.proposed()).orElse(null));
        }
    }

    @GET
    @Path("engagements/{id}/optimizer")
    @Operation(summary = "The optimizer's verdict per activity: below 10 runs it says so and proposes nothing")
    public Uni<List<VerdictView>> optimizer(@PathParam("id") UUID engagementId) {
        return runs.optimizer(engagementId, caller.clientScope())
                .map(list -> list.stream().map(VerdictView::from).toList());
    }

    public record ProposalView(UUID id, UUID engagementId, String activity, OptimizerProposal.Kind kind,
            String current, String proposed, String rationale, int records, ProposalState state, Instant proposedAt,
            String decidedBy, Instant decidedAt, String decisionNote) {

        static ProposalView from(OptimizerProposal p) {
            return new ProposalView(p.id, p.engagementId, p.activity, p.kind, p.currentValue, p.proposed, p.rationale,
                    p.records, p.state, p.proposedAt, p.decidedBy, p.decidedAt, p.decisionNote);
        }
    }

    @GET
    @Path("engagements/{id}/optimizer/proposals")
    @Operation(summary = "The optimizer's proposals for the engagement, newest first")
    public Uni<List<ProposalView>> proposals(@PathParam("id") UUID engagementId) {
        return runs.optimizer(engagementId, caller.clientScope())
                .chain(ignored -> runs.proposals(engagementId))
                .map(list -> list.stream().map(ProposalView::from).toList());
    }

    public record DecisionRequest(@NotNull Boolean approve, @Size(max = 2000) String note) {
    }

    @POST
    @Path("optimizer/proposals/{proposalId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "A supervisor approves or rejects a proposal; an approved cadence is published (schedule.changed)")
    public Uni<ProposalView> decide(@PathParam("proposalId") UUID proposalId, @Valid @NotNull DecisionRequest request) {
        return runs.decide(proposalId, request.approve(), request.note(), caller.name()).map(ProposalView::from);
    }
}
