package io.lobsterops.provisioning.fleet.api;

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
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.lobsterops.provisioning.fleet.deployment.DeploymentService;
import io.lobsterops.provisioning.fleet.gateway.GatewayOperations;
import io.lobsterops.provisioning.fleet.gateway.GatewayService;
import io.lobsterops.provisioning.fleet.placement.GatewayPlacement;
import io.lobsterops.provisioning.fleet.run.RunView;
import io.smallrye.mutiny.Uni;

@Path("/gateways")
@Tag(name = "Gateways", description = "Engagements' OpenClaw gateways on their hosts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT, Roles.SERVICE })
public class GatewayResource {

    private final GatewayPlacement placement;
    private final GatewayOperations operations;
    private final GatewayService gateways;
    private final DeploymentService deployments;
    private final Caller caller;
    private final io.lobsterops.provisioning.fleet.goldset.GoldSetEvaluations goldSets;

    public GatewayResource(GatewayPlacement placement, GatewayOperations operations,
            GatewayService gateways, DeploymentService deployments, Caller caller,
            io.lobsterops.provisioning.fleet.goldset.GoldSetEvaluations goldSets) {
        this.goldSets = goldSets;
        this.placement = placement;
        this.operations = operations;
        this.gateways = gateways;
        this.deployments = deployments;
        this.caller = caller;
    }

    @POST
    @Path("/{id}/kill")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Kill switch: record who and why, stop the gateway at once (TERM, then KILL), suspend the"
            + " agent. 200 when stopped; 202 with state SUSPENDING when the host cannot be reached yet: the kill is"
            + " retried until it is enforced, and a P0 incident is opened")
    public Uni<RestResponse<GatewayView>> kill(@PathParam("id") UUID id, @Valid @NotNull KillRequest request) {
        return operations.kill(id, request.reason().strip(), caller.name()).map(kill -> RestResponse.ResponseBuilder
                .<GatewayView> create(kill.enforced() ? RestResponse.Status.OK : RestResponse.Status.ACCEPTED)
                .entity(GatewayView.from(kill.gateway())).build());
    }

    @POST
    @Path("/{id}/resume")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Start a suspended gateway again and wait until it is ready")
    public Uni<GatewayView> resume(@PathParam("id") UUID id) {
        return operations.resume(id, caller.name()).map(GatewayView::from);
    }

    @POST
    @Path("/{id}/backups")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "openclaw backup create --verify; the archive is kept on the host and listed")
    public Uni<RestResponse<BackupView>> backup(@PathParam("id") UUID id) {
        return operations.backup(id, caller.name()).map(backup -> RestResponse.ResponseBuilder
                .<BackupView> create(RestResponse.Status.CREATED).entity(BackupView.from(backup)).build());
    }

    @GET
    @Path("/{id}/backups")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.SERVICE })
    @Operation(summary = "The gateway's backups, newest first")
    public Uni<List<BackupView>> backups(@PathParam("id") UUID id) {
        return gateways.find(id, java.util.Optional.empty()).chain(gateway -> gateways.backups(id))
                .map(list -> list.stream().map(BackupView::from).toList());
    }

    @GET
    @Path("/{id}/deployments")
    @Operation(summary = "Approved commits deployed (or rolled back) on the gateway, newest first; for staff with the"
            + " gold set run after each (goldSet)")
    public Uni<List<DeploymentView>> deployments(@PathParam("id") UUID id) {
        java.util.Optional<String> scope = caller.clientScope();
        return gateways.find(id, scope).chain(gateway -> deployments.ofGateway(id))
                .chain(list -> scope.isPresent() ? Uni.createFrom().item(list.stream().map(DeploymentView::from).toList())
                        : goldSets.ofDeployments(list.stream().map(d -> d.id).toList()).map(evaluations -> list.stream()
                                .map(d -> DeploymentView.from(d, evaluations.stream()
                                        .filter(e -> d.id.equals(e.deploymentId)).findFirst()
                                        .map(io.lobsterops.provisioning.fleet.goldset.GoldSetEvaluationView.Summary::from)
                                        .orElse(null))).toList()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One gateway, without its secrets; a client sees only its own")
    public Uni<GatewayView> get(@PathParam("id") UUID id) {
        caller.staffOnly();
        return gateways.find(id, caller.clientScope()).map(GatewayView::from);
    }

    @POST
    @Path("/{id}/runs")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Run every provisioning step again; what is already in place on the host is skipped")
    public Uni<RestResponse<RunView>> rerun(@PathParam("id") UUID id, UriInfo uri) {
        return placement.rerun(id, caller.name()).map(run -> RestResponse.ResponseBuilder
                .<RunView> created(uri.getBaseUriBuilder().path("provisioning-runs").path(run.id.toString()).build())
                .entity(RunView.from(run)).build());
    }
}
