package io.lobsterops.monitoring.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lobsterops.events.GatewayHealth;
import io.lobsterops.events.Priority;
import io.lobsterops.kit.security.Roles;
import io.lobsterops.monitoring.domain.MonitoredEngagement;
import io.lobsterops.monitoring.domain.ReportState;
import io.lobsterops.monitoring.domain.UsageDay;
import io.lobsterops.monitoring.service.CockpitService;
import io.smallrye.mutiny.Uni;

@Path("/cockpit/today")
@Tag(name = "Cockpit", description = "What needs the agency today, as JSON for any screen")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
public class CockpitResource {

    private final CockpitService cockpit;

    public CockpitResource(CockpitService cockpit) {
        this.cockpit = cockpit;
    }

    public record Today(LocalDate date, List<AgentNotUp> agentsNotUp, OpenEscalations openEscalations,
            List<ReportWaiting> reportsWaiting, List<ReviewWaiting> reviewsWaiting, Yesterday yesterday,
            List<InvoiceOverdue> invoicesOverdue) {
    }

    public record AgentNotUp(UUID engagementId, String clientId, String clientName, UUID gatewayId,
            GatewayHealth health, Instant since, String lastDetail) {
    }

    public record OpenEscalations(Map<String, Integer> byPriority, List<EscalationLine> items) {
    }

    public record EscalationLine(UUID id, UUID engagementId, String clientName, Priority priority, String rule,
            String summary, String state, Instant raisedAt) {
    }

    public record ReportWaiting(UUID id, UUID engagementId, String clientId, String clientName, String period,
            ReportState state, int revision, Instant renderedAt) {
    }

    public record ReviewWaiting(UUID proposalId, UUID engagementId, String clientId, String clientName, String commit,
            String author, Instant proposedAt) {
    }

    public record Yesterday(LocalDate day, long tokens, long costMicroUsd, List<AgentUsage> agents) {
    }

    public record AgentUsage(UUID engagementId, String clientId, String clientName, String agentId, long tokens,
            long costMicroUsd, boolean unpriced) {
    }

    public record InvoiceOverdue(UUID invoiceId, UUID engagementId, String clientId, String clientName, String number,
            long totalCents, String currency, LocalDate dueOn, long daysOverdue) {
    }

    @GET
    @Operation(summary = "Agents not UP, open escalations by priority, reports and reviews waiting, yesterday's tokens and cost per agent, invoices overdue")
    public Uni<Today> today() {
        return cockpit.today().map(t -> {
            Map<UUID, MonitoredEngagement> byId = t.engagements().stream()
                    .collect(Collectors.toMap(e -> e.engagementId, Function.identity()));
            Function<UUID, String> name = id -> byId.containsKey(id) ? byId.get(id).clientName : null;
            Map<String, Integer> byPriority = new LinkedHashMap<>();
            for (Priority p : Priority.values()) {
                byPriority.put(p.name(), 0);
            }
            t.open().forEach(e -> byPriority.merge(e.priority.name(), 1, Integer::sum));
            Map<String, AgentUsage> agents = new LinkedHashMap<>();
            for (UsageDay day : t.yesterday()) {
                agents.merge(day.engagementId + "|" + day.agentId, new AgentUsage(day.engagementId, day.clientId,
                        name.apply(day.engagementId), day.agentId, day.totalTokens(), day.costMicroUsd,
                        day.unpricedTokens), (a, b) -> new AgentUsage(a.engagementId(), a.clientId(), a.clientName(),
                                a.agentId(), a.tokens() + b.tokens(), a.costMicroUsd() + b.costMicroUsd(),
                                a.unpriced() || b.unpriced()));
            }
            List<AgentUsage> usage = List.copyOf(agents.values());
            return new Today(t.today(),
                    t.notUp().stream().map(g -> new AgentNotUp(g.engagementId, g.clientId, name.apply(g.engagementId),
                            g.gatewayId, g.health, g.healthSince, g.lastDetail)).toList(),
                    new OpenEscalations(byPriority, t.open().stream().map(e -> new EscalationLine(e.id,
                            e.engagementId, name.apply(e.engagementId), e.priority, e.rule, e.summary,
                            e.state.name(), e.raisedAt)).toList()),
                    t.reportsWaiting().stream().map(r -> new ReportWaiting(r.id, r.engagementId, r.clientId,
                            name.apply(r.engagementId), r.period, r.state, r.revision, r.renderedAt)).toList(),
                    t.reviewsWaiting().stream().map(r -> new ReviewWaiting(r.proposalId, r.engagementId, r.clientId,
                            name.apply(r.engagementId), r.commit, r.author, r.proposedAt)).toList(),
                    new Yesterday(t.today().minusDays(1), usage.stream().mapToLong(AgentUsage::tokens).sum(),
                            usage.stream().mapToLong(AgentUsage::costMicroUsd).sum(), usage),
                    t.overdue().stream().map(i -> new InvoiceOverdue(i.invoiceId, i.engagementId, i.clientId,
                            name.apply(i.engagementId), i.number, i.totalCents, i.currency, i.dueOn,
                            java.time.temporal.ChronoUnit.DAYS.between(i.dueOn, t.today()))).toList());
        });
    }
}
