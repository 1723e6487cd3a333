package io.lobsterops.provisioning.fleet.api;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.lobsterops.provisioning.config.ProvisioningConfig;
import io.lobsterops.provisioning.fleet.domain.Host;
import io.lobsterops.provisioning.fleet.host.HostOperations;
import io.lobsterops.provisioning.fleet.host.HostService.RegisterCommand;
import io.lobsterops.provisioning.fleet.host.HostService;
import io.smallrye.mutiny.Uni;

@Path("/hosts")
@Tag(name = "Hosts", description = "Machines that run gateways, reached over SSH with a pinned host key")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.SERVICE })
public class HostResource {

    private final HostService hosts;
    private final HostOperations operations;
    private final Caller caller;
    private final ProvisioningConfig config;

    /** Where absolute install directories may live (issue 16). */
    @jakarta.inject.Inject
    io.lobsterops.provisioning.config.InstallRootsConfig installRoots;

    public HostResource(HostService hosts, HostOperations operations, Caller caller, ProvisioningConfig config) {
        this.hosts = hosts;
        this.operations = operations;
        this.caller = caller;
        this.config = config;
    }

    @POST
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Register an existing host; answers the public key to put in its authorized_keys")
    public Uni<RestResponse<HostView>> register(@Valid @NotNull RegisterHostRequest request, UriInfo uri) {
        RegisterCommand command = new RegisterCommand(request.name().strip(), request.address(),
                request.sshPort() == null ? 22 : request.sshPort(), request.loginUser(), request.kind(),
                request.capacity(), request.region(),
                request.installDir() == null ? config.openclaw().installDir()
                        : InstallDirs.normalise(request.installDir(), installRoots.installRoots()),
                request.hostKeyFingerprint(), caller.name());
        return hosts.register(command).map(host -> RestResponse.ResponseBuilder
                .<HostView> created(uri.getAbsolutePathBuilder().path(host.id.toString()).build())
                .entity(view(host, 0)).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One host with its pinned key, last gathered facts and capacity used")
    public Uni<HostView> get(@PathParam("id") UUID id) {
        return hosts.find(id).chain(this::view);
    }

    @GET
    @Operation(summary = "Hosts, oldest first")
    public Uni<PageView<HostView>> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        return hosts.page(page, size).chain(list -> hosts.gatewaysOn(list.stream().map(host -> host.id).toList())
                .chain(used -> hosts.count().map(total -> new PageView<>(list.stream()
                        .map(host -> view(host, used.getOrDefault(host.id, 0L))).toList(), page, size,
                        total))));
    }

    @POST
    @Path("/{id}/trust")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "First contact: pin the host key (the expected fingerprint, or trust on first use) and gather facts")
    public Uni<HostView> trust(@PathParam("id") UUID id, @Valid TrustHostRequest request) {
        String expected = request == null ? null : request.fingerprint();
        return hosts.find(id).chain(host -> {
            if (host.status == io.lobsterops.provisioning.fleet.domain.HostStatus.HOST_KEY_CHANGED
                    && !caller.is(Roles.SUPERVISOR)) {
                throw new io.quarkus.security.ForbiddenException("only a supervisor re-trusts a changed host key");
            }
            return operations.trust(id, expected, caller.name());
        }).chain(this::view);
    }

    @POST
    @Path("/{id}/facts")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.SERVICE })
    @Operation(summary = "Connect with the pinned host key and gather fresh facts")
    public Uni<HostView> refreshFacts(@PathParam("id") UUID id) {
        return operations.refreshFacts(id).chain(this::view);
    }

    @POST
    @Path("/{id}/monitoring-access")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.SERVICE })
    @Operation(summary = "Install monitoring-service's probe and restricted key on the host (forwarding to its gateway ports only); idempotent, also done after every gateway installed")
    public Uni<HostOperations.MonitoringGrant> grantMonitoring(@PathParam("id") UUID id) {
        return operations.grantMonitoring(id);
    }

    private Uni<HostView> view(Host host) {
        return hosts.gatewaysOn(host.id).map(used -> view(host, used));
    }

    private HostView view(Host host, long used) {
        return HostView.from(host, host.gatewaysThatFit(config.hosts().gatewayMemoryMb(),
                config.hosts().reservedMemoryMb()), used);
    }
}
