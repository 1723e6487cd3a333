package io.lobsterops.monitoring.api;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lobsterops.events.GatewayHealth;
import io.lobsterops.events.Stage;
import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.lobsterops.monitoring.api.MonitoringView.GatewayView;
import io.lobsterops.monitoring.service.MonitoringService;
import io.lobsterops.monitoring.service.ProbeService;
import io.lobsterops.monitoring.service.StatusService;
import io.lobsterops.monitoring.service.UsageCollector;
import io.smallrye.mutiny.Uni;

@Path("/")
@Tag(name = "Monitoring", description = "Every agent's health, stage and stability window: the cockpit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT, Roles.SERVICE })
public class MonitoringResource {

    private final MonitoringService monitoring;
    private final ProbeService probes;
    private final UsageCollector usageCollector;
    private final StatusService statusService;
    private final Caller caller;

    public MonitoringResource(MonitoringService monitoring, ProbeService probes, UsageCollector usageCollector,
            StatusService statusService, Caller caller) {
        this.statusService = statusService;
        this.usageCollector = usageCollector;
        this.monitoring = monitoring;
        this.probes = probes;
        this.caller = caller;
    }

    @GET
    @Path("engagements/{id}/monitoring")
    @Operation(summary = "An engagement's monitoring: health, last checks and changes; a client sees only its own, without the agency's internals")
    public Uni<MonitoringView> engagement(@PathParam("id") UUID engagementId) {
        boolean staff = caller.isStaff();
        return monitoring.find(engagementId, caller.clientScope()).map(detail -> staff
                ? MonitoringView.forStaff(detail.engagement(), detail.gateways(), detail.changes())
                : MonitoringView.forClient(detail.engagement(), detail.gateways(), detail.changes()));
    }

    @GET
    @Path("monitoring")
    @Operation(summary = "The cockpit: every monitored agent, newest first, filtered by stage, health (of a probed gateway) or client; a client sees only its own")
    public Uni<PageView<MonitoringView>> list(@QueryParam("stage") String stage, @QueryParam("health") String health,
            @QueryParam("client") String client,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        boolean staff = caller.isStaff();
        return monitoring.page(caller.clientScope(), Queries.enumOf(Stage.class, "stage", stage),
                Queries.enumOf(GatewayHealth.class, "health", health), Queries.text(client), page, size)
                .map(found -> found.map(row -> staff
                        ? MonitoringView.forStaff(row.engagement(), row.gateways(), List.of())
                        : MonitoringView.forClient(row.engagement(), row.gateways(), List.of())));
    }

    @POST
    @Path("probes/sweep")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Runs a health sweep now and answers what it did (409 while another sweep runs)")
    public Uni<ProbeService.SweepReport> sweep() {
        return probes.sweepNow().onItem().ifNull().failWith(() -> ProblemException.conflict(
                "a sweep is running; its results will show in GET /probes"));
    }

    @POST
    @Path("probes/usage")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Reads every probed gateway's usage now (yesterday and today), as the hourly reading does (409 while one runs)")
    public Uni<UsageCollector.ReadReport> readUsage() {
        return usageCollector.readNow().onItem().ifNull().failWith(() -> ProblemException.conflict(
                "a usage reading is running"));
    }

    @POST
    @Path("probes/status")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Runs the status probe on every probed gateway now: memory and workspace drift against the deployed release (409 while one runs)")
    public Uni<StatusService.StatusReport> status() {
        return statusService.statusNow().onItem().ifNull().failWith(() -> ProblemException.conflict(
                "a status round is running"));
    }

    /** A host as monitoring measures it. */
    public record HostView(UUID hostId, String name, String address, int sshPort, boolean hostKeyPinned,
            int gatewaysProbed, int gatewaysMeasured, long measuredRssBytes, Long largestRssBytes,
            java.time.Instant oldestMeasurement) {

        static HostView from(MonitoringService.HostMemory memory) {
            var measured = memory.gateways().stream().filter(g -> g.rssBytes != null).toList();
            return new HostView(memory.host().hostId, memory.host().name, memory.host().address,
                    memory.host().sshPort, memory.host().probeable(), memory.gateways().size(), measured.size(),
                    measured.stream().mapToLong(g -> g.rssBytes).sum(),
                    measured.stream().map(g -> g.rssBytes).max(Long::compare).orElse(null),
                    measured.stream().map(g -> g.rssMeasuredAt).min(java.time.Instant::compareTo).orElse(null));
        }
    }

    @GET
    @Path("hosts")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.SERVICE })
    @Operation(summary = "Every host with the memory its probed gateways use as measured by the status probe (staff only): what placement can count instead of a fixed 1 GB per gateway")
    public Uni<List<HostView>> hosts() {
        return monitoring.hosts().map(list -> list.stream().map(HostView::from).toList());
    }

    @GET
    @Path("probes")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.SERVICE })
    @Operation(summary = "Every gateway monitoring knows of, with its last probe (staff only)")
    public Uni<List<GatewayView>> probes() {
        return monitoring.probes(caller.clientScope()).map(list -> list.stream().map(GatewayView::from).toList());
    }
}
