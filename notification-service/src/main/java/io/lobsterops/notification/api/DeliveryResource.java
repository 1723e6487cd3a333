package io.lobsterops.notification.api;

import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.security.Caller;
import io.lobsterops.kit.security.Roles;
import io.lobsterops.notification.delivery.DeliveryWorker;
import io.lobsterops.notification.domain.DeliveryStatus;
import io.lobsterops.notification.service.DeliveryService;
import io.lobsterops.notification.service.DeliveryService.Filter;
import io.smallrye.mutiny.Uni;

@Path("/deliveries")
@Tag(name = "Deliveries", description = "The delivery queue: one row per message and destination, with its receipt")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.SERVICE, Roles.CLIENT })
// a client user gets 404 for one delivery (as if it did not exist) and 403 for the list (ADR 0052)
public class DeliveryResource {

    private final DeliveryService deliveries;
    private final DeliveryWorker worker;
    private final Caller caller;

    public DeliveryResource(DeliveryService deliveries, DeliveryWorker worker, Caller caller) {
        this.deliveries = deliveries;
        this.worker = worker;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.SERVICE })
    @Operation(summary = "Deliveries newest first, by status/message/destination (staff only)")
    public Uni<PageView<DeliveryView>> list(@QueryParam("status") String status,
            @QueryParam("messageId") String messageId, @QueryParam("destinationId") String destinationId,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        Filter filter = new Filter(caller.clientScope(), status(status), uuid("messageId", messageId),
                uuid("destinationId", destinationId));
        return deliveries.page(filter, paging.page(), paging.size())
                .map(found -> found.map(DeliveryView::from));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One delivery with its receipt; the agency's internals, 404 to a client user (ADR 0052)")
    public Uni<DeliveryView> get(@PathParam("id") UUID id) {
        caller.staffOnly();
        return deliveries.find(id, caller.clientScope()).map(DeliveryView::from);
    }

    @POST
    @Path("{id}/retry")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER })
    @Operation(summary = "Puts a DEAD or UNCERTAIN delivery back in the queue (409 for any other state)")
    public Uni<DeliveryView> retry(@PathParam("id") UUID id) {
        return deliveries.retry(id).invoke(worker::wake).map(DeliveryView::from);
    }

    private static Optional<DeliveryStatus> status(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DeliveryStatus.valueOf(value.strip().toUpperCase()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status must be one of PENDING, SENDING, SENT, DEAD, UNCERTAIN, "
                    + "CANCELLED");
        }
    }

    static Optional<UUID> uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value.strip()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " must be a UUID");
        }
    }
}
