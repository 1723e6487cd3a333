package io.lobsterops.provisioning.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.provisioning.domain.Client;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ClientRepository implements PanacheRepositoryBase<Client, String> {
}
