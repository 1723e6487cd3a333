package io.lobsterops.billing.persistence;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.billing.domain.DiscoveryAnswers;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class DiscoveryAnswersRepository implements PanacheRepositoryBase<DiscoveryAnswers, UUID> {
}
