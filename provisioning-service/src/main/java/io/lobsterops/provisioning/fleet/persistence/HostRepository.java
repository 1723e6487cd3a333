package io.lobsterops.provisioning.fleet.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.provisioning.fleet.domain.Host;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Hosts are agency infrastructure: staff only, never visible to a client (no tenant column to scope). */
@ApplicationScoped
public class HostRepository implements PanacheRepositoryBase<Host, UUID> {

    public Uni<List<Host>> page(int page, int size) {
        return findAll(Sort.ascending("registeredAt").and("id")).page(Page.of(page, size)).list();
    }

    public Uni<Host> findByAddress(String address, int port, String user) {
        return find("address = ?1 and sshPort = ?2 and loginUser = ?3", address, port, user).firstResult();
    }
}
