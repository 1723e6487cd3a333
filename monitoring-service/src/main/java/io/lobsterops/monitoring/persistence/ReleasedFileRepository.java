package io.lobsterops.monitoring.persistence;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.monitoring.domain.ReleasedFile;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ReleasedFileRepository implements PanacheRepositoryBase<ReleasedFile, ReleasedFile.Key> {

    public Uni<List<ReleasedFile>> of(UUID engagementId, String commit) {
        return list("engagementId = ?1 and commit = ?2 order by path", engagementId, commit);
    }

    public Uni<Long> countOf(UUID engagementId, String commit) {
        return count("engagementId = ?1 and commit = ?2", engagementId, commit);
    }
}
