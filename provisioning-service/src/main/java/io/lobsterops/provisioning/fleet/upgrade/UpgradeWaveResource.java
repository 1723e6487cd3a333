package io.lobsterops.provisioning.fleet.upgrade;

import java.util.List;
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

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.smallrye.mutiny.Uni;

@Path("/upgrade-waves")
@Tag(name = "Upgrades", description = "OpenClaw upgrades of a gateway with a verified snapshot and automatic rollback"
        + " (runbook §4)")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT })
public class UpgradeWaveResource {

    private final UpgradeWaves waves;
    private final Caller caller;

    public UpgradeWaveResource(UpgradeWaves waves, Caller caller) {
        this.waves = waves;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The fleet upgrades, newest first (staff)")
    public Uni<List<UpgradeWaveView>> list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        staffOnly();
        return waves.newestFirst(limit).map(list -> list.stream().map(UpgradeWaveView::from).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A fleet upgrade: each gateway in its order with its status and upgrade, and why it halted")
    public Uni<UpgradeWaveView> get(@PathParam("id") UUID id) {
        staffOnly();
        return waves.find(id).map(UpgradeWaveView::from);
    }

    /** A client sees no upgrade: as if it did not exist. */
    private void staffOnly() {
        if (!caller.isStaff()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "Not found.");
        }
    }
}
