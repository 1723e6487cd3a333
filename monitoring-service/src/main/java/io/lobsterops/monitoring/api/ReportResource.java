package io.lobsterops.monitoring.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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
import org.jboss.resteasy.reactive.RestResponse;

import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.lobsterops.monitoring.domain.MonthlyReport;
import io.lobsterops.monitoring.domain.ReportFigures;
import io.lobsterops.monitoring.domain.ReportState;
import io.lobsterops.monitoring.service.ReportRenderer;
import io.lobsterops.monitoring.service.ReportService;
import io.smallrye.mutiny.Uni;

/**
 * Monthly status reports: rendered on demand (or on the 1st by the scheduler), approved in one click or sent back
 * with a note; read as JSON, HTML (inline SVG charts) or PDF. A client reads its own approved or sent reports only
 * (anything else answers 404), and never who rendered, approved or commented on it.
 */
@Path("/")
@Tag(name = "Reports", description = "The monthly status report per client and the quarterly review's data")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT, Roles.SERVICE })
public class ReportResource {

    public static final String PDF = "application/pdf";

    private final ReportService reports;
    private final ReportRenderer renderer;
    private final Caller caller;

    public ReportResource(ReportService reports, ReportRenderer renderer, Caller caller) {
        this.reports = reports;
        this.renderer = renderer;
        this.caller = caller;
    }

    public record RenderRequest(@NotBlank @Size(max = 7) String period) {
    }

    public record ChangesRequest(@NotBlank @Size(max = 4000) String note) {
    }

    public record ReportView(UUID id, UUID engagementId, String clientId, String period, ReportState state,
            int revision, Instant renderedAt, Instant approvedAt, Instant sentAt, String renderedBy,
            String approvedBy, String changesNote, String changesBy, Instant changesAt, String html, String pdf,
            ReportFigures figures) {

        /** Staff see who did what; a client sees the report and when it was approved, nothing of the agency's work. */
        static ReportView from(MonthlyReport r, ReportFigures figures, boolean staff) {
            return new ReportView(r.id, r.engagementId, r.clientId, r.period, r.state, r.revision,
                    staff ? r.renderedAt : null, r.approvedAt, r.sentAt, staff ? r.renderedBy : null,
                    staff ? r.approvedBy : null, staff ? r.changesNote : null, staff ? r.changesBy : null,
                    staff ? r.changesAt : null, "/reports/" + r.id, "/reports/" + r.id, figures);
        }
    }

    public record ReportLine(UUID id, String period, ReportState state, int revision, Instant approvedAt,
            Instant sentAt) {

        static ReportLine from(MonthlyReport r) {
            return new ReportLine(r.id, r.period, r.state, r.revision, r.approvedAt, r.sentAt);
        }
    }

    @POST
    @Path("engagements/{id}/reports")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Renders the month's report as a DRAFT (201 + Location), or renders a draft / a report sent back again (200); approved → 409")
    public Uni<Response> render(@PathParam("id") UUID engagementId, @Valid @NotNull RenderRequest request) {
        var month = ReportService.month(request.period());
        return renderer.render(engagementId, month, caller.name()).map(rendered -> {
            ReportView view = ReportView.from(rendered.report(), renderer.figuresOf(rendered.report()), true);
            return rendered.created()
                    ? Response.created(URI.create("/reports/" + rendered.report().id)).entity(view).build()
                    : Response.ok(view).build();
        });
    }

    @GET
    @Path("engagements/{id}/reports")
    @Operation(summary = "The engagement's reports, newest month first (a client: its approved and sent ones)")
    public Uni<List<ReportLine>> list(@PathParam("id") UUID engagementId) {
        return reports.ofEngagement(engagementId, caller.clientScope())
                .map(list -> list.stream().map(ReportLine::from).toList());
    }

    public record QuarterView(UUID engagementId, String quarter, List<MonthView> months) {
    }

    public record MonthView(String period, Double availabilityPercent, long downMinutes, int incidents,
            java.util.Map<String, Integer> incidentsByPriority, int incidentsOpen, Long meanMinutesToResolve,
            long tokens, long costMicroUsd, int unpricedDays, int runs, double successRate, Double meanQuality,
            int goldSets, int goldSetsPassed) {

        static MonthView from(ReportFigures f) {
            return new MonthView(f.period(), f.availability().percent(), f.availability().downMinutes(),
                    f.incidents().raised(), f.incidents().byPriority(), f.incidents().open(),
                    f.incidents().meanMinutesToResolve(), f.usage().totalTokens(), f.usage().costMicroUsd(),
                    f.usage().unpricedDays(), f.runs().overall().runs(), f.runs().overall().successRate(),
                    f.runs().overall().meanQuality(), f.runs().goldSets(), f.runs().goldSetsPassed());
        }
    }

    @GET
    @Path("engagements/{id}/reports/quarterly")
    @Operation(summary = "The quarterly review's data: the quarter's months (those begun) side by side")
    public Uni<QuarterView> quarterly(@PathParam("id") UUID engagementId, @QueryParam("quarter") String quarter) {
        var months = ReportService.quarter(quarter);
        return reports.quarterly(engagementId, caller.clientScope(), months).map(list -> new QuarterView(engagementId,
                quarter.strip(), list.stream().map(MonthView::from).toList()));
    }

    @GET
    @Path("reports/{reportId}")
    @Operation(summary = "One report as JSON (Accept: text/html for the HTML, application/pdf for the PDF)")
    public Uni<ReportView> find(@PathParam("reportId") UUID id) {
        return reports.find(id, caller.clientScope())
                .map(report -> ReportView.from(report, renderer.figuresOf(report), caller.isStaff()));
    }

    @GET
    @Path("reports/{reportId}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "One report as self-contained HTML with inline SVG charts")
    public Uni<RestResponse<String>> html(@PathParam("reportId") UUID id) {
        return reports.find(id, caller.clientScope()).map(report -> RestResponse.ResponseBuilder
                .ok(report.html, MediaType.TEXT_HTML + ";charset=UTF-8").build());
    }

    @GET
    @Path("reports/{reportId}")
    @Produces(PDF)
    @Operation(summary = "One report as PDF")
    public Uni<RestResponse<byte[]>> pdf(@PathParam("reportId") UUID id) {
        return reports.pdf(id, caller.clientScope()).map(bytes -> RestResponse.ResponseBuilder.ok(bytes, PDF)
                .header("Content-Disposition", "inline; filename=\"report-" + id + ".pdf\"").build());
    }

    @POST
    @Path("reports/{reportId}/approve")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "A supervisor approves a draft in one click: report.ready is published; a decided report → 409")
    public Uni<ReportView> approve(@PathParam("reportId") UUID id) {
        return reports.approve(id, caller.name()).map(r -> ReportView.from(r, renderer.figuresOf(r), true));
    }

    @POST
    @Path("reports/{reportId}/changes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "A supervisor sends a draft back with a note (CHANGES_REQUESTED); render it again to approve it")
    public Uni<ReportView> changes(@PathParam("reportId") UUID id, @Valid @NotNull ChangesRequest request) {
        return reports.changes(id, request.note(), caller.name())
                .map(r -> ReportView.from(r, renderer.figuresOf(r), true));
    }
}
