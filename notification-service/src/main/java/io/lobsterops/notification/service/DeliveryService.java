package io.lobsterops.notification.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.persistence.Found;
import io.lobsterops.notification.domain.Delivery;
import io.lobsterops.notification.domain.DeliveryStatus;
import io.lobsterops.notification.persistence.DeliveryRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** The delivery queue as people see it: listed by status, a dead (or uncertain) delivery retried by hand. */
@ApplicationScoped
public class DeliveryService {

    private final DeliveryRepository deliveries;

    public DeliveryService(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    /** What to list; the client scope is applied in the query. */
    public record Filter(Optional<String> clientScope, Optional<DeliveryStatus> status, Optional<UUID> messageId,
            Optional<UUID> destinationId) {
    }

    @WithSession
    public Uni<Found<Delivery>> page(Filter filter, int page, int size) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        filter.clientScope().ifPresent(client -> {
            where.add("clientId = :scope");
            parameters.and("scope", client);
        });
        filter.status().ifPresent(status -> {
            where.add("status = :status");
            parameters.and("status", status);
        });
        filter.messageId().ifPresent(id -> {
            where.add("messageId = :message");
            parameters.and("message", id);
        });
        filter.destinationId().ifPresent(id -> {
            where.add("destinationId = :destination");
            parameters.and("destination", id);
        });
        String query = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        Sort newestFirst = Sort.descending("createdAt").and("id", Sort.Direction.Descending);
        return deliveries.find(query, newestFirst, parameters).page(Page.of(page, size)).list()
                .chain(items -> deliveries.count(query, parameters).map(total -> new Found<>(items, total)));
    }

    @WithSession
    public Uni<Delivery> find(UUID id, Optional<String> clientScope) {
        Uni<Delivery> found = clientScope.isEmpty() ? deliveries.findById(id)
                : deliveries.find("id = :id and clientId = :client",
                        Parameters.with("id", id).and("client", clientScope.get())).firstResult();
        return found.onItem().ifNull().failWith(() -> ProblemException.notFound("Delivery", id));
    }

    /**
     * Puts a DEAD or UNCERTAIN delivery back in the queue with its tries reset (an UNCERTAIN Telegram send may then
     * show twice: the person retrying decided so). Anything else answers 409.
     */
    @WithTransaction
    public Uni<Delivery> retry(UUID id) {
        return deliveries.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Delivery", id))
                .invoke(delivery -> delivery.retried(InboxService.now()));
    }
}
