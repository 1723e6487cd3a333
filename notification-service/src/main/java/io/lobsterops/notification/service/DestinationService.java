package io.lobsterops.notification.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;
import io.lobsterops.notification.api.DestinationRequest;
import io.lobsterops.notification.domain.Destination;
import io.lobsterops.notification.persistence.DestinationRepository;
import io.lobsterops.notification.secrets.SecretBox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Destinations: a client's are bound to its client id; secrets are sealed on the way in and never come out. */
@ApplicationScoped
public class DestinationService {

    private final DestinationRepository destinations;
    private final SecretBox secrets;

    public DestinationService(DestinationRepository destinations, SecretBox secrets) {
        this.destinations = destinations;
        this.secrets = secrets;
    }

    /** Staff see every destination (optionally of one client); a client user only its own. */
    @WithSession
    public Uni<List<Destination>> list(Optional<String> clientScope, Optional<String> clientId) {
        Sort order = Sort.by("clientId").and("channel").and("onDutyRank").and("name").and("id");
        if (clientScope.isPresent()) {
            return destinations.list("clientId = :client", order, Parameters.with("client", clientScope.get()));
        }
        return clientId.isPresent()
                ? destinations.list("clientId = :client", order, Parameters.with("client", clientId.get()))
                : destinations.listAll(order);
    }

    @WithSession
    public Uni<Destination> find(UUID id, Optional<String> clientScope) {
        Uni<Destination> found = clientScope.isEmpty() ? destinations.findById(id)
                : destinations.find("id = :id and clientId = :client",
                        Parameters.with("id", id).and("client", clientScope.get())).firstResult();
        return found.onItem().ifNull().failWith(() -> ProblemException.notFound("Destination", id));
    }

    @WithTransaction
    public Uni<Destination> create(DestinationRequest request, String by) {
        Destination destination = new Destination();
        destination.id = UUID.randomUUID();
        destination.createdAt = InboxService.now();
        destination.createdBy = by;
        apply(destination, request, true);
        return destinations.persist(destination);
    }

    /** Replaces a destination's settings; its client never changes, and an absent secret keeps the current one. */
    @WithTransaction
    public Uni<Destination> update(UUID id, DestinationRequest request) {
        return destinations.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Destination", id))
                .invoke(destination -> {
                    String requested = RouteService.blankToNull(request.clientId());
                    if (!java.util.Objects.equals(requested, destination.clientId)) {
                        throw ProblemException.conflict("A destination stays bound to its client; create another "
                                + "destination for another client.");
                    }
                    apply(destination, request, false);
                });
    }

    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return destinations.deleteById(id).invoke(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("Destination", id);
            }
        }).replaceWithVoid();
    }

    private void apply(Destination destination, DestinationRequest request, boolean creating) {
        boolean channelChanged = !creating && destination.channel != request.channel();
        if (channelChanged) {
            destination.secretSealed = null;   // a secret of one channel means nothing on another
        }
        destination.name = request.name().strip();
        destination.channel = request.channel();
        destination.clientId = RouteService.blankToNull(request.clientId());
        destination.person = RouteService.blankToNull(request.person());
        destination.address = RouteService.blankToNull(request.address());
        destination.onDutyRank = request.onDutyRank();
        destination.enabled = request.enabled() == null || request.enabled();
        if (destination.clientId != null && destination.onDutyRank != null) {
            throw invalid("onDutyRank: only a staff destination (no clientId) is on the on-duty list");
        }
        String secret = RouteService.blankToNull(request.secret());
        switch (destination.channel) {
            case TELEGRAM -> {
                if (destination.address == null || !destination.address.matches("-?\\d{1,20}|@[A-Za-z0-9_]{5,32}")) {
                    throw invalid("address: a Telegram chat id (digits, negative for a group) or @channelname");
                }
                if (secret != null && !secret.matches("\\d{3,20}:[A-Za-z0-9_-]{20,100}")) {
                    throw invalid("secret: not a Telegram bot token");
                }
            }
            case EMAIL -> {
                if (destination.address == null
                        || !destination.address.matches("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+")) {
                    throw invalid("address: an e-mail address");
                }
                if (secret != null) {
                    throw invalid("secret: an e-mail destination has none (the SMTP relay is configuration)");
                }
            }
            case SLACK -> {
                if ((creating || channelChanged) && secret == null) {
                    throw invalid("secret: the Slack incoming-webhook URL is required");
                }
                if (secret != null && !secret.matches("https?://[^\\s]+")) {
                    throw invalid("secret: the Slack incoming-webhook URL (http or https)");
                }
                if (destination.address != null) {
                    throw invalid("address: a Slack destination has none (the webhook URL is its secret)");
                }
            }
        }
        if (secret != null) {
            try {
                destination.secretSealed = secrets.seal(SecretBox.destinationContext(destination.id), secret);
            } catch (IllegalStateException noKey) {
                throw new ProblemException(ProblemType.UNAVAILABLE, "Destination secrets cannot be stored: the "
                        + "service has no secrets key configured.");
            }
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.VALIDATION, detail);
    }
}
