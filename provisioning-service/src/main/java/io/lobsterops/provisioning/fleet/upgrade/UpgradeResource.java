package io.lobsterops.provisioning.fleet.upgrade;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/gateways/{id}/upgrades")
@Tag(name = "Upgrades", description = "OpenClaw upgrades of a gateway with a verified snapshot and automatic rollback"
        + " (runbook §4)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT })
public class UpgradeResource {

    private final UpgradeService upgrades;
    private final UpgradeRunner runner;
    private final Caller caller;

    public UpgradeResource(UpgradeService upgrades, UpgradeRunner runner, Caller caller) {
        this.upgrades = upgrades;
        this.runner = runner;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Upgrade the gateway's OpenClaw (supervisor): verified snapshot, the new version installed"
            + " beside the old one, the configuration validated by it, switch and restart, workspace, /readyz, gateway"
            + " status, doctor, gold set; kept (agent.upgraded) or switched back with the state restored"
            + " (agent.upgrade-rolled-back). 202 with the upgrade; follow it at /upgrades/{id}/events")
    public Uni<RestResponse<UpgradeView>> upgrade(@PathParam("id") UUID gatewayId,
            @Valid @NotNull UpgradeRequest request) {
        if (!caller.isStaff()) {
            throw ProblemException.notFound("Gateway", gatewayId);
        }
        if (!caller.is(Roles.SUPERVISOR)) {
            throw new ProblemException(io.lobsterops.kit.api.ProblemType.FORBIDDEN,
                    "Only a supervisor upgrades a gateway.");
        }
        return upgrades.request(gatewayId, request.openclawVersion(), caller.name()).invoke(u -> runner.launch(u.id))
                .map(u -> RestResponse.ResponseBuilder.<UpgradeView> create(RestResponse.Status.ACCEPTED)
                        .location(URI.create("/upgrades/" + u.id)).entity(UpgradeView.from(u)).build());
    }

    @GET
    @Operation(summary = "The gateway's upgrades, newest first (staff)")
    public Uni<List<UpgradeView>> list(@PathParam("id") UUID gatewayId) {
        staffOnly();
        return upgrades.ofGateway(gatewayId).map(list -> list.stream().map(UpgradeView::from).toList());
    }


    /** A client sees no upgrade: as if it did not exist. */
    private void staffOnly() {
        if (!caller.isStaff()) {
            throw new ProblemException(io.lobsterops.kit.api.ProblemType.NOT_FOUND, "Not found.");
        }
    }


}
