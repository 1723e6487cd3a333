package io.lobsterops.provisioning.fleet.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One approved configuration commit going to a gateway's workspace, and how it went. */
@Entity
@Table(name = "deployment")
public class Deployment {

    @Id
    public UUID id;

    /** Null while the engagement has no installed gateway yet: bound when it is installed. */
    @Column(name = "gateway_id")
    public UUID gatewayId;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    public String repository;

    @Column(name = "commit_sha", nullable = false)
    public String commit;

    public String tag;

    @Column(name = "previous_commit")
    public String previousCommit;

    /** The files as JSON ({@code [{path, sha256, content}]}). */
    @Column(nullable = false)
    public String files;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeploymentStatus status;

    @Column(name = "approved_by")
    public String approvedBy;

    public String output;

    public String reason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The service instance driving this deployment, until when; another takes over once the lease lapsed. */
    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    /** Times a service instance began this deployment (an unreachable host puts it back to PENDING). */
    @Column(nullable = false)
    public int attempts;

    @Version
    public int version;
}
