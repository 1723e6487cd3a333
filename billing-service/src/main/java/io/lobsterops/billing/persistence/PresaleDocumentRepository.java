package io.lobsterops.billing.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.billing.domain.PresaleDocument;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PresaleDocumentRepository implements PanacheRepositoryBase<PresaleDocument, UUID> {

    public Uni<List<PresaleDocument>> of(UUID engagementId) {
        return list("engagementId", Sort.ascending("createdAt"), engagementId);
    }
}
