package io.lobsterops.provisioning.engagement.persistence;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.lobsterops.provisioning.engagement.domain.Client;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Clients, read within the caller's tenant scope: a client user finds only its own. */
@ApplicationScoped
public class ClientRepository implements PanacheRepositoryBase<Client, String> {

    /** The client if it exists and {@code clientScope} (empty = every client) may see it, else null. */
    public Uni<Client> findVisible(String id, Optional<String> clientScope) {
        if (clientScope.isPresent() && !clientScope.get().equals(id)) {
            return Uni.createFrom().nullItem();
        }
        return findById(id);
    }

    /**
     * The client with its row locked until the transaction ends, else null: an archive and an engagement opening
     * for the same client take their turns, so no engagement slips in beside an archive.
     */
    public Uni<Client> lock(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** A page of clients, oldest first. */
    public Uni<List<Client>> page(int page, int size) {
        return findAll(Sort.ascending("createdAt").and("id")).page(Page.of(page, size)).list();
    }
}
