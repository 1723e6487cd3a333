package io.lobsterops.notification.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.persistence.Where;
import io.lobsterops.notification.domain.Delivery;
import io.lobsterops.notification.domain.DeliveryStatus;
import io.lobsterops.notification.persistence.DeliveryRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
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
    public Uni<PageView<Delivery>> page(Filter filter, int page, int size) {
        Where where = Where.all().andIfPresent("status = :status", "status", filter.status())
                .andIfPresent("messageId = :message", "message", filter.messageId())
                .andIfPresent("destinationId = :destination", "destination", filter.destinationId());
        Sort newestFirst = Sort.descending("createdAt").and("id", Sort.Direction.Descending);
        return deliveries.pageVisible(filter.clientScope(), where, newestFirst, page, size);
    }

    @WithSession
    public Uni<Delivery> find(UUID id, Optional<String> clientScope) {
        return deliveries.requireVisible(id, clientScope, "Delivery");
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
