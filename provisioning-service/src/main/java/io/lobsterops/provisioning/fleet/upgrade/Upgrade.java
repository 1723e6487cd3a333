package io.lobsterops.provisioning.fleet.upgrade;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * An upgrade of one gateway's OpenClaw (runbook §4, ADR 0041): resumable steps (a {@code StepLog}), then kept
 * (UPGRADED) or switched back with its state restored (ROLLED_BACK, with the failed step and why). FAILED only when
 * the rollback itself failed: the gateway then needs a person.
 */
@Entity
@Table(name = "gateway_upgrade")
public class Upgrade {

    public static final String PENDING = "PENDING";
    public static final String RUNNING = "RUNNING";
    public static final String INTERRUPTED = "INTERRUPTED";
    public static final String ROLLING_BACK = "ROLLING_BACK";
    public static final String UPGRADED = "UPGRADED";
    public static final String ROLLED_BACK = "ROLLED_BACK";
    public static final String FAILED = "FAILED";

    @Id
    public UUID id;

    @Column(name = "gateway_id", nullable = false)
    public UUID gatewayId;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "from_version", nullable = false)
    public String fromVersion;

    @Column(name = "to_version", nullable = false)
    public String toVersion;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String steps;

    /** The verified {@code openclaw backup create} archive on the host. */
    @Column(name = "snapshot_path")
    public String snapshotPath;

    /** The released gold set's score on the new version, once its step ran. */
    @Column(name = "gold_set_score")
    public Double goldSetScore;

    @Column(name = "failed_step")
    public String failedStep;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    public int interruptions;

    @Column(name = "retry_at")
    public Instant retryAt;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Version
    public int version;

    public boolean finished() {
        return UPGRADED.equals(status) || ROLLED_BACK.equals(status) || FAILED.equals(status);
    }
}
