package io.lobsterops.provisioning.fleet.goldset;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.lobsterops.events.GoldSetOccasion;

/** One run of a released gold set on a gateway, and its result once done. */
@Entity
@Table(name = "gold_set_evaluation")
public class GoldSetEvaluation {

    public enum Status {
        PENDING,
        RUNNING,
        DONE
    }

    @Id
    public UUID id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "gateway_id", nullable = false)
    public UUID gatewayId;

    /** The deployment it follows (occasion DEPLOYMENT), else null. */
    @Column(name = "deployment_id")
    public UUID deploymentId;

    @Column(name = "released_commit", nullable = false)
    public String releasedCommit;

    @Column(name = "openclaw_version")
    public String openclawVersion;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public GoldSetOccasion occasion;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    public Double score;

    public Double threshold;

    public Boolean passed;

    /** The per-case verdicts as JSON ({@code [{caseId, weight, passed, reason, excerpt}]}). */
    public String cases;

    /** Why not every case could be run (no gold set in the release, host unreachable…), else null. */
    public String note;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "evaluated_at")
    public Instant evaluatedAt;

    @Version
    public int version;

    public static GoldSetEvaluation queued(UUID id, UUID engagementId, String clientId, UUID gatewayId,
            UUID deploymentId, String releasedCommit, String openclawVersion, GoldSetOccasion occasion, Instant at) {
        GoldSetEvaluation e = new GoldSetEvaluation();
        e.id = id;
        e.engagementId = engagementId;
        e.clientId = clientId;
        e.gatewayId = gatewayId;
        e.deploymentId = deploymentId;
        e.releasedCommit = releasedCommit;
        e.openclawVersion = openclawVersion;
        e.occasion = occasion;
        e.status = Status.PENDING;
        e.createdAt = at;
        return e;
    }

    /**
     * Whether {@code owner} may run it now: a PENDING one whose retry time has come, or a RUNNING one whose runner's
     * lease lapsed or that {@code owner} runs already; never a DONE one.
     */
    boolean claimable(String owner, Instant now) {
        boolean due = leaseUntil == null || leaseUntil.isBefore(now);
        return switch (status) {
            case PENDING -> due;
            case RUNNING -> due || owner.equals(leaseOwner);
            case DONE -> false;
        };
    }

    /**
     * {@code owner} runs it until {@code until} on the gateway's current {@code version}, one more attempt: a PENDING
     * one starts RUNNING now.
     */
    void begin(String owner, String version, Instant until, Instant now) {
        if (status == Status.PENDING) {
            status = Status.RUNNING;
            startedAt = now;
        }
        openclawVersion = version;
        leaseOwner = owner;
        leaseUntil = until;
        attempts++;
    }

    /** The host could not be reached: PENDING again, retried from {@code retryAt}, and why (already redacted). */
    void retried(String why, Instant retryAt) {
        status = Status.PENDING;
        leaseOwner = null;
        leaseUntil = retryAt;
        note = why + " (attempt " + attempts + "; retried)";
    }

    /** Scored now: DONE with its score, threshold, verdict, per-case verdicts (JSON) and note. */
    void scored(double score, double threshold, boolean passed, String casesJson, String note, Instant now) {
        status = Status.DONE;
        this.score = score;
        this.threshold = threshold;
        this.passed = passed;
        cases = casesJson;
        this.note = note;
        evaluatedAt = now;
        leaseOwner = null;
        leaseUntil = null;
    }
}
