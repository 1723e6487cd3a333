package io.lobsterops.agentconfig.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lobsterops.agentconfig.domain.TrainingCycle;
import io.lobsterops.agentconfig.service.TrainingService;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/engagements/{id}/training-cycles")
@Tag(name = "Training", description = "Training cycles 1–3 with the client's feedback")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT, Roles.SERVICE })
public class TrainingResource {

    private final TrainingService training;
    private final Caller caller;

    public TrainingResource(TrainingService training, Caller caller) {
        this.training = training;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Record a training cycle's feedback, linked to the config version it produced")
    public Uni<Response> record(@PathParam("id") UUID engagementId, @Valid @NotNull CycleRequest request) {
        return training.record(engagementId, request.cycle(), request.clientFeedback(), request.engineerFeedback(),
                request.configCommit(), caller.name())
                .map(cycle -> Response.created(URI.create("/engagements/" + engagementId + "/training-cycles"))
                        .entity(CycleView.from(cycle)).build());
    }

    @GET
    @Operation(summary = "The engagement's training cycles; a client sees only its own")
    public Uni<List<CycleView>> cycles(@PathParam("id") UUID engagementId) {
        return training.cycles(engagementId, caller.clientScope())
                .map(list -> list.stream().map(CycleView::from).toList());
    }

    public record CycleRequest(
            @Min(1) @Max(TrainingCycle.MAX_CYCLES) int cycle,
            @NotBlank @Size(max = 8000) String clientFeedback,
            @NotBlank @Size(max = 8000) String engineerFeedback,
            @NotBlank @Pattern(regexp = "[0-9a-f]{7,40}", message = "must be a commit id") String configCommit) {
    }

    public record CycleView(int cycle, String clientFeedback, String engineerFeedback, String configCommit,
            String recordedBy, Instant recordedAt) {

        static CycleView from(TrainingCycle c) {
            return new CycleView(c.cycle, c.clientFeedback, c.engineerFeedback, c.configCommit, c.recordedBy,
                    c.recordedAt);
        }
    }
}
