package io.lobsterops.billing.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.billing.domain.AccountActivity;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AccountActivityRepository implements PanacheRepository<AccountActivity> {

    public Uni<List<AccountActivity>> timeline(UUID engagementId) {
        return list("engagementId", Sort.ascending("id"), engagementId);
    }
}
