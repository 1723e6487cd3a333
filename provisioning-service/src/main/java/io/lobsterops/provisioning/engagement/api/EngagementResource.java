package io.lobsterops.provisioning.engagement.api;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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

import io.lobsterops.events.Stage;
import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.lobsterops.provisioning.engagement.persistence.EngagementRepository.EngagementFilter;
import io.lobsterops.provisioning.engagement.service.EngagementService.OpenCommand;
import io.lobsterops.provisioning.engagement.service.EngagementService;
import io.lobsterops.provisioning.engagement.service.TimelineService;
import io.lobsterops.provisioning.fleet.api.GatewayView;
import io.lobsterops.provisioning.fleet.api.PlaceGatewayRequest;
import io.lobsterops.provisioning.fleet.run.RunView;
import io.lobsterops.provisioning.fleet.gateway.GatewayService;
import io.lobsterops.provisioning.fleet.placement.GatewayPlacement;
import io.lobsterops.provisioning.fleet.placement.Placements.PlaceCommand;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Uni;

@Path("/engagements")
@Tag(name = "Engagements", description = "Clients' engagements and their lifecycle")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT, Roles.SERVICE })
public class EngagementResource {

    static final int MAX_PAGE_SIZE = 100;

    private final EngagementService engagements;
    private final EngagementReads reads;
    private final GatewayPlacement placement;
    private final GatewayService gateways;
    private final TimelineService timeline;
    private final Caller caller;

    public EngagementResource(EngagementService engagements, EngagementReads reads, GatewayPlacement placement,
            GatewayService gateways, TimelineService timeline, Caller caller) {
        this.engagements = engagements;
        this.reads = reads;
        this.timeline = timeline;
        this.placement = placement;
        this.gateways = gateways;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Open an engagement for a new or existing client, in stage LEAD")
    public Uni<RestResponse<EngagementView>> open(@Valid @NotNull OpenEngagementRequest request, UriInfo uri) {
        OpenCommand command = new OpenCommand(request.clientId(), request.clientName().strip(), request.contactName(),
                request.contactEmail(), request.sector(), request.region(), caller.name());
        return engagements.open(command).map(engagement -> RestResponse.ResponseBuilder
                .<EngagementView> created(uri.getAbsolutePathBuilder().path(engagement.id.toString()).build())
                .entity(EngagementView.from(engagement)).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One engagement; a client sees only its own")
    public Uni<EngagementView> get(@PathParam("id") UUID id) {
        return reads.find(id, caller.clientScope());
    }

    @GET
    @Operation(summary = "Engagements, newest first, filtered by client, stage or text; a client sees only its own")
    public Uni<PageView<EngagementView>> list(
            @QueryParam("clientId") @Pattern(regexp = OpenEngagementRequest.SLUG, message = "must be a client slug") String clientId,
            @QueryParam("stage") Stage stage,
            @QueryParam("q") String text,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
        EngagementFilter filter = new EngagementFilter(clientId, stage, text == null || text.isBlank() ? null : text.strip());
        return engagements.search(filter, caller.clientScope(), page, size)
                .map(found -> found.map(EngagementView::from));
    }

    @POST
    @Path("/{id}/stage")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Move the engagement along its lifecycle; SUSPENDED and TERMINATED are a supervisor's call")
    public Uni<EngagementView> moveTo(@PathParam("id") UUID id, @Valid @NotNull StageChangeRequest request) {
        if ((request.stage() == Stage.SUSPENDED || request.stage() == Stage.TERMINATED) && !caller.is(Roles.SUPERVISOR)) {
            throw new ForbiddenException("only a supervisor suspends or terminates");
        }
        return engagements.moveTo(id, request.stage(), request.reason(), caller.name()).map(EngagementView::from);
    }

    @POST
    @Path("/{id}/deposit-waiver")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Waive the deposit gate (supervisor only, with a reason; audited on the engagement)")
    public Uni<EngagementView> waiveDeposit(@PathParam("id") UUID id, @Valid @NotNull DepositWaiverRequest request) {
        return engagements.waiveDeposit(id, request.reason().strip(), caller.name()).map(EngagementView::from);
    }

    @POST
    @Path("/{id}/gateways")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Place the engagement's gateway on a host and start its provisioning run")
    public Uni<RestResponse<RunView>> placeGateway(@PathParam("id") UUID id, @Valid @NotNull PlaceGatewayRequest request,
            UriInfo uri) {
        PlaceGatewayRequest.Telegram telegram = request.telegram();
        PlaceCommand command = new PlaceCommand(id, request.hostId(), request.model().providerId(),
                request.model().baseUrl(), request.model().modelId(), request.model().apiKey(),
                request.model().price() == null ? null : request.model().price().toDomain(),
                telegram == null ? null : telegram.botToken(), telegram == null ? null : telegram.dmPolicy(),
                telegram == null ? null : telegram.allowFrom(), caller.name());
        return placement.place(command).map(run -> RestResponse.ResponseBuilder
                .<RunView> created(uri.getBaseUriBuilder().path("provisioning-runs").path(run.id.toString()).build())
                .entity(RunView.from(run)).build());
    }

    @GET
    @Path("/{id}/gateway")
    @Operation(summary = "The engagement's gateway, without its secrets; 404 while none is placed")
    public Uni<GatewayView> gateway(@PathParam("id") UUID id) {
        return gateways.findOfEngagement(id, caller.clientScope()).map(GatewayView::from);
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "Every stage change of the engagement, oldest first")
    public Uni<List<StageChangeView>> history(@PathParam("id") UUID id) {
        return engagements.history(id, caller.clientScope())
                .map(changes -> changes.stream().map(StageChangeView::from).toList());
    }

    @POST
    @Path("/{id}/acceptance")
    @RolesAllowed(Roles.CLIENT)
    @Operation(summary = "The client accepts the delivery with its own token (TRAINING -> LIVE), optionally in its own words")
    public Uni<EngagementView> accept(@PathParam("id") UUID id, @Valid AcceptanceRequest request) {
        String comment = request == null || request.comment() == null || request.comment().isBlank() ? null
                : request.comment().strip();
        return engagements.accept(id, caller.clientScope().orElseThrow(), caller.name(), comment)
                .map(EngagementView::from);
    }

    @GET
    @Path("/{id}/timeline")
    @Operation(summary = "Every event about the engagement from every service, oldest first, paged; a client sees its"
            + " own client-facing events only")
    public Uni<PageView<TimelineEntryView>> timeline(@PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
        var scope = caller.clientScope();
        return timeline.timeline(id, scope, page, size)
                .map(found -> found.map(scope.isPresent() ? TimelineEntryView::forClient
                        : TimelineEntryView::forStaff));
    }

    @GET
    @Path("/{id}/checklist")
    @Operation(summary = "The launch checklist (playbook §9), each item DONE / WAITING / BLOCKED from the events")
    public Uni<List<ChecklistItemView>> checklist(@PathParam("id") UUID id) {
        var scope = caller.clientScope();
        return timeline.checklist(id, scope)
                .map(items -> items.stream().map(item -> ChecklistItemView.of(item, scope.isPresent())).toList());
    }
}
