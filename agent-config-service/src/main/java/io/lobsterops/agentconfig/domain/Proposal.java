package io.lobsterops.agentconfig.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A rendering proposed for release: a commit on its own branch, waiting for a second person's decision. */
@Entity
@Table(name = "proposal")
public class Proposal {

    @Id
    public UUID id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(nullable = false)
    public int number;

    @Column(nullable = false)
    public String branch;

    @Column(name = "base_commit")
    public String baseCommit;

    @Column(name = "commit_id", nullable = false)
    public String commitId;

    @Column(name = "agent_revision", nullable = false)
    public int agentRevision;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "proposed_by", nullable = false)
    public String proposedBy;

    @Column(name = "proposed_at", nullable = false)
    public Instant proposedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    public String comments;

    @Column(name = "release_tag")
    public String releaseTag;

    @Column(name = "release_commit")
    public String releaseCommit;

    protected Proposal() {
    }

    public static Proposal of(UUID engagementId, int number, String branch, String baseCommit, String commitId,
            int agentRevision, String by, Instant at) {
        Proposal p = new Proposal();
        p.id = UUID.randomUUID();
        p.engagementId = engagementId;
        p.number = number;
        p.branch = branch;
        p.baseCommit = baseCommit;
        p.commitId = commitId;
        p.agentRevision = agentRevision;
        p.status = Status.PROPOSED;
        p.proposedBy = by;
        p.proposedAt = at;
        return p;
    }

    /** Four eyes: whoever proposed cannot decide. */
    public boolean proposedBy(String user) {
        return proposedBy.equals(user);
    }

    public void approved(String by, Instant at, String tag, String commit) {
        status = Status.APPROVED;
        decidedBy = by;
        decidedAt = at;
        releaseTag = tag;
        releaseCommit = commit;
    }

    public void changesRequested(String by, Instant at, String text) {
        status = Status.CHANGES_REQUESTED;
        decidedBy = by;
        decidedAt = at;
        comments = text;
    }

    public enum Status {
        PROPOSED,
        APPROVED,
        CHANGES_REQUESTED
    }
}
