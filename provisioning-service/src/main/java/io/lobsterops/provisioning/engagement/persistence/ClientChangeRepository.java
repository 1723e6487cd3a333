package io.lobsterops.provisioning.engagement.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.provisioning.engagement.domain.ClientChange;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ClientChangeRepository implements PanacheRepository<ClientChange> {

    /** Every correction of the client, oldest first. */
    public Uni<List<ClientChange>> history(String clientId) {
        return list("clientId", Sort.ascending("id"), clientId);
    }
}
