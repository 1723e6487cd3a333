package io.lobsterops.monitoring.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.lobsterops.monitoring.domain.TokenBudget;
import io.lobsterops.monitoring.domain.UsageDay;
import io.lobsterops.monitoring.service.MonitoringService;
import io.lobsterops.monitoring.service.UsageService;
import io.smallrye.mutiny.Uni;

@Path("/")
@Tag(name = "Usage", description = "Tokens and cost per agent per UTC day, and the monthly budget")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT, Roles.SERVICE })
public class UsageResource {

    static final int MAX_DAYS = 366;

    private final UsageService usage;
    private final MonitoringService monitoring;
    private final Caller caller;

    public UsageResource(UsageService usage, MonitoringService monitoring, Caller caller) {
        this.usage = usage;
        this.monitoring = monitoring;
        this.caller = caller;
    }

    public record UsageDayView(LocalDate day, String agentId, String model, long inputTokens, long outputTokens,
            long cacheReadTokens, long cacheWriteTokens, long totalTokens, long costMicroUsd, boolean unpricedTokens,
            boolean finalForDay, Instant updatedAt) {

        static UsageDayView from(UsageDay d) {
            return new UsageDayView(d.day, d.agentId, d.model, d.inputTokens, d.outputTokens, d.cacheReadTokens,
                    d.cacheWriteTokens, d.totalTokens(), d.costMicroUsd, d.unpricedTokens, d.finalForDay, d.updatedAt);
        }
    }

    public record UsageView(UUID engagementId, LocalDate from, LocalDate to, long totalTokens, long costMicroUsd,
            List<UsageDayView> days) {
    }

    @GET
    @Path("engagements/{id}/usage")
    @Operation(summary = "Usage per agent per UTC day between from and to (default: this month); a client sees only its own")
    public Uni<UsageView> usage(@PathParam("id") UUID engagementId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate start = Queries.date("from", from).orElse(today.withDayOfMonth(1));
        LocalDate end = Queries.date("to", to).orElse(today);
        if (end.isBefore(start) || start.plusDays(MAX_DAYS).isBefore(end)) {
            throw ProblemException.badRequest("from " + start + " to " + end + ": to must not be before from, and at"
                    + " most " + MAX_DAYS + " days apart");
        }
        return monitoring.find(engagementId, caller.clientScope())
                .chain(detail -> usage.usage(engagementId, start, end))
                .map(days -> new UsageView(engagementId, start, end,
                        days.stream().mapToLong(UsageDay::totalTokens).sum(),
                        days.stream().mapToLong(d -> d.costMicroUsd).sum(),
                        days.stream().map(UsageDayView::from).toList()));
    }

    public record BudgetView(UUID engagementId, long monthlyUsdCents, boolean pauseAtBudget, TokenBudget.Source source,
            String setBy, Instant setAt) {

        static BudgetView from(TokenBudget b) {
            return new BudgetView(b.engagementId, b.monthlyUsdCents, b.pauseAtBudget, b.source, b.setBy, b.setAt);
        }

        /** A client sees its budget and where it comes from, not which of the agency's people set it (ADR 0052). */
        static BudgetView forClient(TokenBudget b) {
            return new BudgetView(b.engagementId, b.monthlyUsdCents, b.pauseAtBudget, b.source, null, b.setAt);
        }
    }

    @GET
    @Path("engagements/{id}/budget")
    @Operation(summary = "The monthly token budget (from the signed contract, or set by a supervisor); 404 when none")
    public Uni<BudgetView> budget(@PathParam("id") UUID engagementId) {
        boolean staff = caller.isStaff();
        return monitoring.find(engagementId, caller.clientScope())
                .chain(detail -> usage.budget(engagementId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Budget of engagement", engagementId))
                .map(budget -> staff ? BudgetView.from(budget) : BudgetView.forClient(budget));
    }

    public record BudgetRequest(@NotNull @PositiveOrZero @Max(100_000_000) Long monthlyUsdCents,
            boolean pauseAtBudget) {
    }

    @PUT
    @Path("engagements/{id}/budget")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "A supervisor sets the monthly token budget meanwhile (a signed contract replaces it)")
    public Uni<BudgetView> setBudget(@PathParam("id") UUID engagementId, @Valid @NotNull BudgetRequest request) {
        return usage.setBudget(engagementId, request.monthlyUsdCents(), request.pauseAtBudget(), caller.name())
                .map(BudgetView::from);
    }
}
