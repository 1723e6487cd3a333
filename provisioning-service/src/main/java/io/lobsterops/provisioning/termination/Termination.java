package io.lobsterops.provisioning.termination;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

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

    public boolean finished() {
        return SUCCEEDED.equals(status) || FAILED.equals(status);
    }
}
