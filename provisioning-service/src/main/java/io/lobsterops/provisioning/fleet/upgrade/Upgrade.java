package io.lobsterops.provisioning.fleet.upgrade;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.lobsterops.provisioning.fleet.domain.Gateway;
import io.lobsterops.provisioning.fleet.domain.Lease;
import io.lobsterops.provisioning.fleet.termination.StepLog;

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

    /** The upgrade of {@code gateway} from the version it runs to {@code toVersion}, PENDING with every step to run. */
    static Upgrade requested(Gateway gateway, String toVersion, String by, Instant now) {
        Upgrade u = new Upgrade();
        u.id = UUID.randomUUID();
        u.gatewayId = gateway.id;
        u.engagementId = gateway.engagementId;
        u.clientId = gateway.clientId;
        u.fromVersion = gateway.openclawVersion;
        u.toVersion = toVersion;
        u.status = PENDING;
        u.steps = StepLog.of(UpgradeStep.slugs());
        u.requestedBy = by;
        u.createdAt = now;
        return u;
    }

    public boolean finished() {
        return UPGRADED.equals(status) || ROLLED_BACK.equals(status) || FAILED.equals(status);
    }

    /** Whether {@code owner} may drive it now: not finished, no other instance's lease on it live at {@code now}. */
    boolean claimable(String owner, Instant now) {
        return !finished() && Lease.free(leaseOwner, leaseUntil, owner, now);
    }

    /**
     * {@code owner} drives it until {@code until} and begins {@code next} of {@code log} (its steps, read): RUNNING
     * (or still ROLLING_BACK), no retry pending, the step RUNNING from now.
     */
    void begin(String owner, Instant until, List<StepLog.Entry> log, StepLog.Entry next, Instant now) {
        leaseOwner = owner;
        leaseUntil = until;
        if (!ROLLING_BACK.equals(status)) {
            status = RUNNING;
        }
        retryAt = null;
        StepLog.begin(next, now);
        steps(log);
    }

    /** Its steps as they now stand. */
    void steps(List<StepLog.Entry> log) {
        steps = StepLog.write(log);
    }

    /** What a step found: the snapshot's path on the host, the gold set's score on the new version (each if given). */
    void noted(String snapshot, Double score) {
        if (snapshot != null) {
            snapshotPath = snapshot;
        }
        if (score != null) {
            goldSetScore = score;
        }
    }

    /** A step ended DONE or SKIPPED: the interruptions in a row start again from none. */
    void stepEnded() {
        interruptions = 0;
    }

    /** The new version passed every check and is kept: UPGRADED. */
    void kept(Instant now) {
        finish(UPGRADED, now);
    }

    /** The old version is back after a failed check: ROLLED_BACK. */
    void rolledBack(Instant now) {
        finish(ROLLED_BACK, now);
    }

    /**
     * The host could not be reached: the lease released, retried in a few seconds (an INTERRUPTED upgrade, or one
     * still ROLLING_BACK). Answers false when that was once too often in a row: the caller fails the step instead.
     */
    boolean interrupted(int maxInterruptions, Instant now) {
        interruptions++;
        leaseOwner = null;
        leaseUntil = null;
        if (interruptions > maxInterruptions) {
            return false;
        }
        status = INTERRUPTED.equals(status) || RUNNING.equals(status) ? INTERRUPTED : status;
        retryAt = now.plusSeconds(5);
        return true;
    }

    /**
     * {@code step} failed for {@code reason} (already redacted): ROLLING_BACK, the checks left in {@code log} skipped,
     * the rollback next.
     */
    void checkFailed(List<StepLog.Entry> log, UpgradeStep step, String reason, Instant now) {
        failedStep = step.slug();
        failureReason = reason;
        status = ROLLING_BACK;
        for (StepLog.Entry e : log) {
            if (!e.name.equals(UpgradeStep.ROLLBACK.slug()) && "PENDING".equals(e.status)) {
                StepLog.end(e, "SKIPPED", "not run: " + step.slug() + " failed", now);
            }
        }
    }

    /** The rollback failed too, for {@code reason} (already redacted): FAILED, and the gateway needs a person. */
    void rollbackFailed(String reason, Instant now) {
        finish(FAILED, now);
        failureReason = reason;
    }

    private void finish(String ended, Instant now) {
        status = ended;
        finishedAt = now;
        leaseOwner = null;
        leaseUntil = null;
    }
}
