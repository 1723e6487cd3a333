package io.lobsterops.notification.service;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;
import io.lobsterops.kit.persistence.Where;
import io.lobsterops.notification.api.DestinationRequest;
import io.lobsterops.notification.config.NotificationConfig;
import io.lobsterops.notification.domain.Destination;
import io.lobsterops.notification.persistence.DestinationRepository;
import io.lobsterops.notification.persistence.RoutingQueries;
import io.lobsterops.notification.secrets.SecretBox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Destinations: a client's are bound to its client id; secrets are sealed on the way in and never come out. */
@ApplicationScoped
public class DestinationService {

    private static final Logger LOG = Logger.getLogger(DestinationService.class);

    private final DestinationRepository destinations;
    private final SecretBox secrets;
    private final RoutingQueries routing;
    private final NotificationConfig config;

    public DestinationService(DestinationRepository destinations, SecretBox secrets, RoutingQueries routing,
            NotificationConfig config) {
        this.destinations = destinations;
        this.secrets = secrets;
        this.routing = routing;
        this.config = config;
    }

    /** What to list: a client user's scope is applied in the query; {@code staff}: only staff (or client) ones. */
    public record Filter(Optional<String> clientScope, Optional<String> clientId, Optional<Boolean> staff) {
    }

    /** Staff see every destination (optionally of one client, or only the staff ones); a client user only its own. */
    @WithSession
    public Uni<PageView<Destination>> list(Filter filter, int page, int size) {
        Sort order = Sort.by("clientId").and("channel").and("onDutyRank").and("name").and("id");
        Where where = Where.all().andIfPresent("clientId = :client", "client", filter.clientId());
        if (filter.staff().isPresent()) {
            where = where.and(filter.staff().get() ? "clientId is null" : "clientId is not null");
        }
        return destinations.pageVisible(filter.clientScope(), where, order, page, size);
    }

    @WithSession
    public Uni<Destination> find(UUID id, Optional<String> clientScope) {
        return destinations.requireVisible(id, clientScope, "Destination");
    }

    @WithTransaction
    public Uni<Destination> create(DestinationRequest request, String by) {
        Destination.Settings settings = settings(request);
        Destination destination = Destination.created(settings, by, InboxService.now());
        seal(destination, settings);
        return destinations.persistAndFlush(destination).call(() -> onDutyListChanged(destination));
    }

    /** Replaces a destination's settings; its client never changes, and an absent secret keeps the current one. */
    @WithTransaction
    public Uni<Destination> update(UUID id, DestinationRequest request) {
        return destinations.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Destination", id))
                .invoke(destination -> {
                    Destination.Settings settings = settings(request);
                    destination.changed(settings);
                    seal(destination, settings);
                })
                .call(destinations::flush)
                .call(this::onDutyListChanged);
    }

    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return destinations.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Destination", id))
                .call(destination -> destinations.delete(destination).chain(destinations::flush)
                        .chain(() -> onDutyListChanged(destination)))
                .replaceWithVoid();
    }

    /**
     * A staff destination was added, changed or removed: the open P0 and P1 staff messages that reached nobody (raised
     * while nobody was on duty, or whose only recipient left the list) go to the list as it is now, once.
     */
    private Uni<Void> onDutyListChanged(Destination changed) {
        if (changed.clientId != null) {
            return Uni.createFrom().voidItem();
        }
        Instant now = InboxService.now();
        return routing.catchUp(now, now.minus(config.paging().catchUp()), config.paging().interval())
                .invoke(caught -> {
                    if (caught.messages() > 0) {
                        LOG.infof("on-duty list changed: %d open staff message(s) that had reached nobody sent to it "
                                + "(%d P0 now paging)", caught.messages(), caught.paging());
                    }
                })
                .replaceWithVoid();
    }

    private static Destination.Settings settings(DestinationRequest request) {
        return new Destination.Settings(request.name().strip(), request.channel(),
                RouteService.blankToNull(request.clientId()), RouteService.blankToNull(request.person()),
                RouteService.blankToNull(request.address()), request.onDutyRank(),
                request.enabled() == null || request.enabled(), RouteService.blankToNull(request.secret()));
    }

    /** Seals the stated secret (if any) with the destination's id. */
    private void seal(Destination destination, Destination.Settings settings) {
        if (settings.secret() == null) {
            return;
        }
        try {
            destination.secretSealed(secrets.seal(SecretBox.destinationContext(destination.id), settings.secret()));
        } catch (IllegalStateException noKey) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "Destination secrets cannot be stored: the "
                    + "service has no secrets key configured.");
        }
    }
}
