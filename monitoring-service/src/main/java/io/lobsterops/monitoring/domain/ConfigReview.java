package io.lobsterops.monitoring.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A configuration proposed for review (config.proposed), waiting until config.approved names its proposal. */
@Entity
@Table(name = "config_review")
public class ConfigReview {

    @Id
    @Column(name = "proposal_id")
    public UUID proposalId;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "commit_id")
    public String commit;

    public String author;

    @Column(name = "proposed_at", nullable = false)
    public Instant proposedAt;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "approved_at")
    public Instant approvedAt;

    protected ConfigReview() {
    }

    public ConfigReview(UUID proposalId, UUID engagementId, String clientId, String commit, String author,
            Instant proposedAt) {
        this.proposalId = proposalId;
        this.engagementId = engagementId;
        this.clientId = clientId;
        this.commit = commit;
        this.author = author;
        this.proposedAt = proposedAt;
    }

    public void approved(String by, Instant at) {
        if (approvedAt == null) {
            approvedBy = by;
            approvedAt = at;
        }
    }
}
