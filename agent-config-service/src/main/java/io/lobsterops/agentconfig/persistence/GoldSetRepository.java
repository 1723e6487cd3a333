package io.lobsterops.agentconfig.persistence;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.agentconfig.domain.StoredGoldSet;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class GoldSetRepository implements PanacheRepositoryBase<StoredGoldSet, UUID> {
}
