package io.lobsterops.notification.service;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.persistence.Where;
import io.lobsterops.notification.api.SilenceRequest;
import io.lobsterops.notification.domain.Silence;
import io.lobsterops.notification.persistence.SilenceRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
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
    public Uni<PageView<Silence>> list(Optional<String> clientId, boolean all, int page, int size) {
        Where where = (all ? Where.all() : Where.of("endsAt > :now", "now", InboxService.now()))
                .andIfPresent("clientId = :client", "client", clientId);
        return silences.page(where, Sort.by("endsAt").and("id"), page, size);
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
