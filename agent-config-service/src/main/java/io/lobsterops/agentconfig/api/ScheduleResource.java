package io.lobsterops.agentconfig.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lobsterops.agentconfig.domain.Cadence;
import io.lobsterops.agentconfig.domain.ScheduleChange;
import io.lobsterops.agentconfig.service.ScheduleService;
import io.lobsterops.kit.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/")
@Tag(name = "Agents", description = "Discovery answers, the agent definition and its rendering")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
public class ScheduleResource {

    private final ScheduleService schedules;

    public ScheduleResource(ScheduleService schedules) {
        this.schedules = schedules;
    }

    /** The last cadence change approved in monitoring for one activity, and what it did to the agent. */
    public record ScheduleChangeView(String activity, Cadence cadence, String previousCadence, String approvedBy,
            Instant changedAt, ScheduleChange.Outcome outcome, String detail, UUID proposalId, Instant recordedAt) {

        static ScheduleChangeView from(ScheduleChange c) {
            return new ScheduleChangeView(c.activity, c.cadence, c.previousCadence, c.approvedBy, c.changedAt,
                    c.outcome, c.detail, c.proposalId, c.recordedAt);
        }
    }

    @GET
    @Path("engagements/{id}/agent/schedule-changes")
    @Operation(summary = "The cadences approved in monitoring (schedule.changed), the last one per activity, newest "
            + "first, with what each did: PROPOSED (with its proposal), UNCHANGED, NOT_PROPOSED (why), REFUSED")
    public Uni<List<ScheduleChangeView>> changes(@PathParam("id") UUID engagementId) {
        return schedules.changes(engagementId).map(list -> list.stream().map(ScheduleChangeView::from).toList());
    }
}
