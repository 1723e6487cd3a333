package io.lobsterops.notification.service;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.persistence.Found;
import io.lobsterops.notification.api.SilenceRequest;
import io.lobsterops.notification.domain.Silence;
import io.lobsterops.notification.persistence.SilenceRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Silences: a planned upgrade keeps a client's messages in the cockpit until it ends. */
@ApplicationScoped
public class SilenceService {

    private final SilenceRepository silences;

    public SilenceService(SilenceRepository silences) {
        this.silences = silences;
    }

    /** Silences not yet ended (all of them with {@code all}), of one client when given. */
    @WithSession
    public Uni<Found<Silence>> list(Optional<String> clientId, boolean all, int page, int size) {
        String query = (all ? "1 = 1" : "endsAt > :now") + (clientId.isPresent() ? " and clientId = :client" : "");
        Parameters parameters = all ? new Parameters() : Parameters.with("now", InboxService.now());
        clientId.ifPresent(client -> parameters.and("client", client));
        return silences.find(query, Sort.by("endsAt").and("id"), parameters).page(Page.of(page, size)).list()
                .chain(items -> silences.count(query, parameters).map(total -> new Found<>(items, total)));
    }

    @WithSession
    public Uni<Silence> find(UUID id) {
        return silences.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Silence", id));
    }

    @WithTransaction
    public Uni<Silence> create(SilenceRequest request, String by) {
        Instant now = InboxService.now();
        return silences.persist(Silence.requested(request.clientId().strip(), request.engagementId(),
                request.reason().strip(), request.startsAt(), request.endsAt(), by, now));
    }

    /** Ends a silence now (it stays listed with {@code all=true}). */
    @WithTransaction
    public Uni<Silence> end(UUID id) {
        return silences.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Silence", id))
                .invoke(silence -> silence.ended(InboxService.now()));
    }
}
