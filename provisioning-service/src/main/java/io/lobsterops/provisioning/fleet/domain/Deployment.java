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

    /**
     * An approved configuration commit to deploy, PENDING: bound to the engagement's gateway ({@link #bindTo}), waiting
     * for one to be installed ({@link #waitForGateway}), or refused at once ({@link #notDeployed}).
     */
    public static Deployment approved(UUID engagementId, String eventId, String repository, String commit, String tag,
            String approvedBy, String filesJson, Instant now) {
        Deployment deployment = new Deployment();
        deployment.id = UUID.randomUUID();
        deployment.engagementId = engagementId;
        deployment.eventId = eventId;
        deployment.repository = repository;
        deployment.commit = commit;
        deployment.tag = tag;
        deployment.approvedBy = approvedBy;
        deployment.files = filesJson;
        deployment.status = DeploymentStatus.PENDING;
        deployment.createdAt = now;
        return deployment;
    }

    /** It goes to {@code gateway}, installed. */
    public void bindTo(UUID gateway) {
        gatewayId = gateway;
    }

    /** The engagement has no installed gateway yet: it waits, and is bound to the gateway once installed. */
    public void waitForGateway() {
        reason = "waits for the engagement's gateway to be installed";
    }

    /** Kept as a record of what was approved, never run: FAILED at once on {@code gateway} for {@code why}. */
    public void notDeployed(UUID gateway, String why, Instant now) {
        gatewayId = gateway;
        status = DeploymentStatus.FAILED;
        reason = why;
        finishedAt = now;
    }

    /**
     * Whether {@code owner} may drive it now: a PENDING one whose retry time has come, or a RUNNING one whose driver's
     * lease lapsed (its instance was killed mid-deploy) or that {@code owner} drives already; never a finished one.
     */
    public boolean claimable(String owner, Instant now) {
        boolean due = leaseUntil == null || leaseUntil.isBefore(now);
        return switch (status) {
            case PENDING -> due;
            case RUNNING -> due || owner.equals(leaseOwner);
            default -> false;
        };
    }

    /**
     * {@code owner} drives it until {@code until}, one more attempt: a PENDING one starts RUNNING now, remembering the
     * gateway's {@code deployedCommit} to roll back to; a RUNNING one taken over keeps both.
     */
    public void begin(String owner, String deployedCommit, Instant until, Instant now) {
        if (!claimable(owner, now)) {
            throw new IllegalStateException("deployment " + id + " is " + status + " and not claimable by " + owner);
        }
        if (status == DeploymentStatus.PENDING) {
            status = DeploymentStatus.RUNNING;
            startedAt = now;
            previousCommit = deployedCommit;
        }
        leaseOwner = owner;
        leaseUntil = until;
        attempts++;
    }

    /**
     * The host could not be reached: PENDING again (nothing was changed on the host, or the saved workspace is kept for
     * the next attempt), retried from {@code retryAt} by whichever instance, for {@code why} (already redacted).
     */
    public void interrupted(String why, Instant retryAt) {
        status = DeploymentStatus.PENDING;
        leaseOwner = null;
        leaseUntil = retryAt;
        reason = why + " (attempt " + attempts + "; retried)";
    }

    /** It ended {@code ended} (DEPLOYED, ROLLED_BACK or FAILED) now, with its log and why (both already redacted). */
    public void finished(DeploymentStatus ended, String log, String why, Instant now) {
        status = ended;
        output = log;
        reason = why;
        finishedAt = now;
        leaseOwner = null;
        leaseUntil = null;
    }
}
