package io.lobsterops.monitoring.persistence;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.monitoring.domain.EscalationDecision;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class EscalationDecisionRepository implements PanacheRepositoryBase<EscalationDecision, UUID> {
}
