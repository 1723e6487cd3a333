package io.lobsterops.provisioning.fleet.termination;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.provisioning.api.ProvisioningProblems;
import io.lobsterops.provisioning.fleet.domain.Lease;

/**
 * The end of an engagement's agent (runbook §5, ADR 0040): one per engagement, its steps resumable, and what the
 * deletion certificate states — the archive's manifest hash, what was deleted where and when, by whom.
 */
@Entity
@Table(name = "termination")
public class Termination {

    public static final String PENDING = "PENDING";
    public static final String RUNNING = "RUNNING";
    public static final String INTERRUPTED = "INTERRUPTED";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    @Id
    public UUID id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "gateway_id")
    public UUID gatewayId;

    @Column(nullable = false)
    public String reason;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(nullable = false)
    public String status;

    /** {@link StepLog} JSON. */
    @Column(nullable = false)
    public String steps;

    /** {@link Deleted} JSON list. */
    @Column(nullable = false)
    public String deleted = "[]";

    @Column(name = "archive_path")
    public String archivePath;

    @Column(name = "archive_manifest_sha256")
    public String archiveManifestSha256;

    @Column(name = "archive_files")
    public Integer archiveFiles;

    @Column(name = "archive_bytes")
    public Long archiveBytes;

    public String repository;

    /** Whether the repository was bundled into the archive, and if not, why. */
    @Column(name = "repository_note")
    public String repositoryNote;

    @Column(name = "failed_step")
    public String failedStep;

    @Column(name = "failure_reason")
    public String failureReason;

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

    /** When the retention job deletes the archive. */
    @Column(name = "retain_until")
    public Instant retainUntil;

    @Column(name = "archive_deleted_at")
    public Instant archiveDeletedAt;

    @Version
    public int version;

    /**
     * The termination of the engagement's agent, PENDING with every step to run; {@code gatewayId} null when the
     * engagement never had a gateway, {@code repository} the configuration repository to bundle, if any.
     */
    static Termination requested(UUID engagementId, String clientId, UUID gatewayId, String reason, String by,
            String repository, Instant now) {
        Termination t = new Termination();
        t.id = UUID.randomUUID();
        t.engagementId = engagementId;
        t.clientId = clientId;
        t.gatewayId = gatewayId;
        t.reason = reason;
        t.requestedBy = by;
        t.status = PENDING;
        t.steps = StepLog.of(TerminationStep.slugs());
        t.repository = repository;
        t.createdAt = now;
        return t;
    }

    public boolean finished() {
        return SUCCEEDED.equals(status) || FAILED.equals(status);
    }

    /** Whether {@code owner} may drive it now: not finished, no other instance's lease on it live at {@code now}. */
    boolean claimable(String owner, Instant now) {
        return !finished() && Lease.free(leaseOwner, leaseUntil, owner, now);
    }

    /**
     * {@code owner} drives it until {@code until} and begins {@code next} of {@code log} (its steps, read): RUNNING, no
     * retry pending, the step RUNNING from now.
     */
    void begin(String owner, Instant until, java.util.List<StepLog.Entry> log, StepLog.Entry next, Instant now) {
        leaseOwner = owner;
        leaseUntil = until;
        status = RUNNING;
        retryAt = null;
        StepLog.begin(next, now);
        steps(log);
    }

    /** Its steps as they now stand. */
    void steps(java.util.List<StepLog.Entry> log) {
        steps = StepLog.write(log);
    }

    /**
     * A step ended DONE or SKIPPED: what it archived or deleted is kept for the certificate; after the last step the
     * termination SUCCEEDED and its archive's retention starts.
     */
    void stepEnded(TerminationOutcome outcome, boolean last, java.time.Duration retention, Instant now) {
        interruptions = 0;
        deleted(outcome.deleted());
        if (outcome.archive() != null) {
            archivePath = outcome.archive().path().toString();
            archiveManifestSha256 = outcome.archive().manifestSha256();
            archiveFiles = outcome.archive().files();
            archiveBytes = outcome.archive().bytes();
        }
        if (outcome.repositoryNote() != null) {
            repositoryNote = outcome.repositoryNote();
        }
        if (last) {
            status = SUCCEEDED;
            finishedAt = now;
            retainUntil = now.plus(retention);
            releaseLease();
        }
    }

    /** The host could not be reached: retried in a few seconds, or FAILED after too many tries in a row. */
    boolean interrupted(String step, String reason, int maxInterruptions, Instant now) {
        interruptions++;
        if (interruptions > maxInterruptions) {
            fail(step, "host unreachable " + interruptions + " times in a row: " + reason, now);
            return false;
        }
        status = INTERRUPTED;
        retryAt = now.plusSeconds(5);
        releaseLease();
        return true;
    }

    void fail(String step, String reason, Instant now) {
        status = FAILED;
        failedStep = step;
        failureReason = io.lobsterops.provisioning.fleet.openclaw.Redactor.of().redact(reason);
        finishedAt = now;
        releaseLease();
    }

    /**
     * A FAILED termination goes again from its failed step, PENDING again; any other is refused
     * ({@code termination-not-resumable}).
     */
    void resume() {
        if (!FAILED.equals(status)) {
            throw new ProblemException(ProvisioningProblems.TERMINATION_NOT_RESUMABLE, "Termination " + id + " is "
                    + status + "; only a FAILED one is resumed.");
        }
        java.util.List<StepLog.Entry> log = StepLog.read(steps);
        log.stream().filter(s -> "FAILED".equals(s.status)).forEach(s -> s.status = "PENDING");
        steps(log);
        status = PENDING;
        finishedAt = null;
        failedStep = null;
        failureReason = null;
        interruptions = 0;
    }

    /** What was deleted, where and when, added to the certificate's list. */
    void deleted(java.util.List<Deleted> more) {
        if (!more.isEmpty()) {
            java.util.List<Deleted> all = Deleted.read(deleted);
            all.addAll(more);
            deleted = Deleted.write(all);
        }
    }

    /** The archive left the store at the end of its retention; the certificate says so. */
    void archiveExpired(Instant now) {
        archiveDeletedAt = now;
        deleted(java.util.List.of(new Deleted("archive (manifest sha256 " + archiveManifestSha256 + ") at the end of"
                + " its retention", "archive store " + archivePath, now.toString())));
    }

    private void releaseLease() {
        leaseOwner = null;
        leaseUntil = null;
    }
}
