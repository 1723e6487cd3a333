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
import io.lobsterops.notification.domain.InboxMessage;
import io.lobsterops.notification.persistence.InboxMessageRepository.Filter;
import io.lobsterops.notification.service.InboxService;
import io.smallrye.mutiny.Uni;

@Path("/inbox")
@Tag(name = "Cockpit inbox", description = "Messages about engagements, and their acknowledgements")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.CLIENT, Roles.SERVICE })
public class InboxResource {

    private final InboxService inbox;
    private final Caller caller;

    public InboxResource(InboxService inbox, Caller caller) {
        this.inbox = inbox;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Inbox messages, newest first; staff see all, a client user only the messages addressed to "
            + "its own client; hostId: the incidents about one host")
    public Uni<PageView<InboxMessageView>> list(@QueryParam("engagementId") String engagementId,
            @QueryParam("clientId") String clientId, @QueryParam("unacknowledged") String unacknowledged,
            @QueryParam("hostId") String hostId,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        Filter filter = new Filter(caller.clientScope(), uuid("engagementId", engagementId),
                Optional.ofNullable(clientId).filter(c -> !c.isBlank()), bool("unacknowledged", unacknowledged),
                uuid("hostId", hostId));
        boolean staff = caller.isStaff();
        return inbox.page(filter, paging.page(), paging.size())
                .map(found -> found.map(m -> view(m, staff)));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One inbox message; a client user sees only a message addressed to its own client")
    public Uni<InboxMessageView> message(@PathParam("id") UUID id) {
        boolean staff = caller.isStaff();
        return inbox.find(id, caller.clientScope()).map(m -> view(m, staff));
    }

    @POST
    @Path("{id}/acknowledge")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ENGINEER, Roles.SERVICE })
    @Operation(summary = "Acknowledges a message (staff): paging stops and notification.acknowledged is published; "
            + "acknowledging it again keeps the first acknowledgement")
    public Uni<InboxMessageView> acknowledge(@PathParam("id") UUID id) {
        return inbox.acknowledge(id, caller.name(), InboxService.VIA_API).map(InboxMessageView::from);
    }

    /** Staff read a message whole; a client user without who acknowledged it or the paging behind it (ADR 0052). */
    private static InboxMessageView view(InboxMessage message, boolean staff) {
        return staff ? InboxMessageView.from(message) : InboxMessageView.forClient(message);
    }

    // Query parameters are parsed here so that a malformed value answers 400, not the 404 of JAX-RS.
    private static Optional<UUID> uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value.strip()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " must be a UUID");
        }
    }

    private static Optional<Boolean> bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return switch (value.strip().toLowerCase()) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw ProblemException.badRequest(name + " must be true or false");
        };
    }
}
