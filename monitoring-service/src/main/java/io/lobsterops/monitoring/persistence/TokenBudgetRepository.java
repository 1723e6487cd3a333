package io.lobsterops.monitoring.persistence;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.monitoring.domain.TokenBudget;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class TokenBudgetRepository implements PanacheRepositoryBase<TokenBudget, UUID> {
}
