package io.lobsterops.agentconfig.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.agentconfig.domain.Client;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ClientRepository implements PanacheRepositoryBase<Client, String> {
}
