package io.lobsterops.monitoring.api;

import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lobsterops.events.Stage;
import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.lobsterops.monitoring.service.MonitoringService;
import io.smallrye.mutiny.Uni;

@Path("/")
@Tag(name = "Monitoring", description = "Which engagements are monitored, and how")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT, Roles.SERVICE })
public class MonitoringResource {

    private final MonitoringService monitoring;
    private final Caller caller;

    public MonitoringResource(MonitoringService monitoring, Caller caller) {
        this.monitoring = monitoring;
        this.caller = caller;
    }

    @GET
    @Path("engagements/{id}/monitoring")
    @Operation(summary = "How an engagement is monitored; a client sees only its own")
    public Uni<MonitoringView> engagement(@PathParam("id") UUID engagementId) {
        return monitoring.find(engagementId, caller.clientScope()).map(MonitoringView::from);
    }

    @GET
    @Path("monitoring")
    @Operation(summary = "Monitored engagements, newest first, optionally of one stage; a client sees only its own")
    public Uni<PageView<MonitoringView>> list(@QueryParam("stage") String stage,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        Optional<Stage> inStage = parseStage(stage);
        return monitoring.page(caller.clientScope(), inStage, page, size)
                .map(found -> new PageView<>(found.items().stream().map(MonitoringView::from).toList(), page, size,
                        found.total()));
    }

    /** An unknown stage is the caller's mistake (400), not a missing resource (JAX-RS would answer 404). */
    private static Optional<Stage> parseStage(String stage) {
        if (stage == null || stage.isBlank()) {
            return Optional.empty();
        }
        return Arrays.stream(Stage.values()).filter(s -> s.name().equalsIgnoreCase(stage.strip())).findFirst()
                .map(Optional::of)
                .orElseThrow(() -> ProblemException.badRequest("stage " + stage + " is not one of "
                        + Arrays.toString(Stage.values())));
    }
}
