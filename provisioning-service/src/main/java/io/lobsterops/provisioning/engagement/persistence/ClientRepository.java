package io.lobsterops.provisioning.engagement.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.persistence.ClientScoped;
import io.lobsterops.kit.persistence.Where;
import io.lobsterops.provisioning.engagement.domain.Client;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Clients, read within the caller's tenant scope: a client user finds only its own. */
@ApplicationScoped
public class ClientRepository implements ClientScoped<Client, String> {

    /** A client's row is the client itself: a client user finds its own only. */
    @Override
    public String clientPath() {
        return "id";
    }

    /**
     * The client with its row locked until the transaction ends, else null: an archive and an engagement opening
     * for the same client take their turns, so no engagement slips in beside an archive.
     */
    public Uni<Client> lock(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** A page of clients, oldest first. */
    public Uni<PageView<Client>> page(int page, int size) {
        return page(Where.all(), Sort.ascending("createdAt").and("id"), page, size);
    }
}
