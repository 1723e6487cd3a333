package io.lobsterops.agentconfig.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The edited gold set of an engagement's agent: its YAML document and revision, bumped by each change. */
@Entity
@Table(name = "gold_set")
public class StoredGoldSet {

    @Id
    @Column(name = "engagement_id")
    public UUID engagementId;

    @Column(nullable = false)
    public String document;

    @Column(nullable = false)
    public int revision;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    protected StoredGoldSet() {
    }

    public static StoredGoldSet first(UUID engagementId, String document, String by, Instant at) {
        StoredGoldSet set = new StoredGoldSet();
        set.engagementId = engagementId;
        set.document = document;
        set.revision = 1;
        set.updatedBy = by;
        set.updatedAt = at;
        return set;
    }

    public void edited(String newDocument, String by, Instant at) {
        if (!newDocument.equals(document)) {
            document = newDocument;
            revision++;
            updatedBy = by;
            updatedAt = at;
        }
    }
}
