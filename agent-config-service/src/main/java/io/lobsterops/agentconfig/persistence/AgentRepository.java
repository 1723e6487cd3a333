package io.lobsterops.agentconfig.persistence;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.agentconfig.domain.Agent;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class AgentRepository implements PanacheRepositoryBase<Agent, UUID> {
}
