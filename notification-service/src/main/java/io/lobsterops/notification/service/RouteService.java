package io.lobsterops.notification.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.events.EngagementEvent;
import io.lobsterops.events.EventCatalog;
import io.lobsterops.events.IncidentOpened;
import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;
import io.lobsterops.kit.persistence.Where;
import io.lobsterops.notification.api.NotificationProblems;
import io.lobsterops.notification.api.RouteRequest;
import io.lobsterops.notification.api.RouteTestView;
import io.lobsterops.notification.domain.Audience;
import io.lobsterops.notification.domain.EngagementMessages;
import io.lobsterops.notification.domain.Notice;
import io.lobsterops.notification.domain.Priority;
import io.lobsterops.notification.domain.Route;
import io.lobsterops.notification.persistence.DestinationRepository;
import io.lobsterops.notification.persistence.RouteRepository;
import io.lobsterops.notification.persistence.RoutingQueries;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Routing rules as data: CRUD, and where an event would go without sending anything. */
@ApplicationScoped
public class RouteService {

    private final RouteRepository routes;
    private final DestinationRepository destinations;
    private final RoutingQueries routing;
    private final ObjectMapper json;

    public RouteService(RouteRepository routes, DestinationRepository destinations, RoutingQueries routing,
            ObjectMapper json) {
        this.routes = routes;
        this.destinations = destinations;
        this.routing = routing;
        this.json = json;
    }

    @WithSession
    public Uni<PageView<Route>> list(int page, int size) {
        return routes.page(Where.all(), Sort.by("audience").and("priority").and("channel").and("createdAt").and("id"),
                page, size);
    }

    @WithSession
    public Uni<Route> find(UUID id) {
        return routes.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Route", id));
    }

    @WithTransaction
    public Uni<Route> create(RouteRequest request, String by) {
        Route route = Route.created(settings(request), by, InboxService.now());
        return reachable(route).chain(routes::persist);
    }

    @WithTransaction
    public Uni<Route> update(UUID id, RouteRequest request) {
        return routes.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Route", id))
                .chain(route -> {
                    route.changed(settings(request));
                    return reachable(route);
                });
    }

    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return routes.deleteById(id).invoke(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("Route", id);
            }
        }).replaceWithVoid();
    }

    /**
     * A rule naming a destination must be able to reach it: a client rule only a destination of its own client, a
     * staff rule only a staff destination. (The routing query refuses a rule planted otherwise, too.)
     */
    private Uni<Route> reachable(Route route) {
        if (route.destinationId == null) {
            return Uni.createFrom().item(route);
        }
        return destinations.findById(route.destinationId)
                .onItem().ifNull().failWith(() -> new ProblemException(ProblemType.VALIDATION,
                        "destinationId: destination " + route.destinationId + " does not exist"))
                .map(destination -> {
                    if (destination.channel != route.channel) {
                        throw new ProblemException(ProblemType.VALIDATION, "destinationId: the destination is a "
                                + destination.channel + " destination, the rule's channel is " + route.channel);
                    }
                    boolean reachable = route.audience == Audience.STAFF ? destination.clientId == null
                            : destination.clientId != null && destination.clientId.equals(route.clientId);
                    if (!reachable) {
                        throw new ProblemException(NotificationProblems.MISADDRESSED_ROUTE,
                                route.audience == Audience.STAFF
                                ? "A staff rule may only name a staff destination."
                                : "A client rule must name its clientId, and may only name a destination of that client.");
                    }
                    return route;
                });
    }

    /** Where an event would go: its messages (the one mapping), each with its destinations; nothing stored or sent. */
    @WithSession
    public Uni<RouteTestView> test(String type, com.fasterxml.jackson.databind.JsonNode payload) {
        Class<? extends EngagementEvent> payloadType = EventCatalog.payloadOf(type).orElseThrow(
                () -> new ProblemException(ProblemType.VALIDATION, "type: " + type + " is not an event type"));
        EngagementEvent event;
        try {
            event = json.treeToValue(payload, payloadType);
        } catch (Exception e) {
            throw new ProblemException(ProblemType.VALIDATION, "event: not a " + type + " payload");
        }
        if (event == null || event.subject() == null) {
            throw new ProblemException(ProblemType.VALIDATION, event instanceof IncidentOpened
                    ? "event.engagementId or event.hostId: one is required" : "event.engagementId: is required");
        }
        List<Notice> notices;
        try {
            notices = EngagementMessages.of(event).notices();
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemType.VALIDATION, "event: a field the message needs is missing");
        }
        Instant now = InboxService.now();
        Uni<List<RouteTestView.MessageRoute>> chain = Uni.createFrom().item(new ArrayList<>());
        for (Notice notice : notices) {
            if (notice.engagementId() != null && (notice.clientId() == null || notice.clientId().isBlank())) {
                throw new ProblemException(ProblemType.VALIDATION, "event.clientId: is required");
            }
            chain = chain.chain(found -> routing.silenced(notice.clientId(), notice.engagementId(), now)
                    .chain(silenced -> routing.targets(notice.clientId(), notice.audience().name(),
                                    notice.priority().name(), type)
                            .chain(targets -> routing.misaddressedRules(notice.clientId(), notice.audience().name(),
                                            notice.priority().name(), type)
                                    .map(misaddressed -> {
                                        boolean held = silenced && notice.priority() != Priority.P0;
                                        found.add(new RouteTestView.MessageRoute(notice.audience(), notice.priority(),
                                                notice.title(), notice.groupKey(), held,
                                                held ? List.of() : targets.stream().map(t -> new RouteTestView.Target(
                                                        t.destinationId(), t.name(), t.channel(), t.clientId(),
                                                        t.repage())).toList(), misaddressed));
                                        return found;
                                    }))));
        }
        return chain.map(found -> new RouteTestView(type, found));
    }

    private static Route.Settings settings(RouteRequest request) {
        return new Route.Settings(request.name().strip(), request.audience(), request.priority(),
                blankToNull(request.eventType()), blankToNull(request.clientId()), request.channel(),
                request.destinationId(), Boolean.TRUE.equals(request.repage()),
                request.enabled() == null || request.enabled());
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
