package io.lobsterops.agentconfig.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An engagement mapped onto its client's repository. */
@Entity
@Table(name = "engagement")
public class Engagement {

    @Id
    @Column(name = "engagement_id")
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "opened_by", nullable = false)
    public String openedBy;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    /** The default branch's head once this engagement was recorded in the repository. */
    @Column(name = "head_commit", nullable = false)
    public String headCommit;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    protected Engagement() {
    }

    public static Engagement recorded(UUID engagementId, String clientId, String openedBy, Instant openedAt,
            String headCommit, Instant at) {
        Engagement engagement = new Engagement();
        engagement.engagementId = engagementId;
        engagement.clientId = clientId;
        engagement.openedBy = openedBy;
        engagement.openedAt = openedAt;
        engagement.headCommit = headCommit;
        engagement.recordedAt = at;
        return engagement;
    }

    public void headMovedTo(String commit, Instant at) {
        headCommit = commit;
        recordedAt = at;
    }
}
