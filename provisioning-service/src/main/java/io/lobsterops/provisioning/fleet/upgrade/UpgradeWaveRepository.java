package io.lobsterops.provisioning.fleet.upgrade;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class UpgradeWaveRepository implements PanacheRepositoryBase<UpgradeWave, UUID> {

    /** The waves still running, oldest first. */
    public Uni<List<UpgradeWave>> running() {
        return list("status", Sort.ascending("createdAt"), UpgradeWave.RUNNING);
    }

    public Uni<List<UpgradeWave>> newestFirst(int limit) {
        return findAll(Sort.descending("createdAt")).page(0, limit).list();
    }
}
