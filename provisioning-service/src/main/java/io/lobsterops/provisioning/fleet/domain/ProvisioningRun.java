package io.lobsterops.provisioning.fleet.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The ordered steps that take a gateway from nothing to ready. Each step is idempotent, so a run resumes from its
 * first unfinished step after an interruption, and re-running a finished run changes nothing.
 */
@Entity
@Table(name = "provisioning_run")
public class ProvisioningRun {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "gateway_id")
    public Gateway gateway;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RunStatus status;

    @Column(name = "started_by", nullable = false)
    public String startedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "failed_step")
    public String failedStep;

    @Column(name = "failure_reason")
    public String failureReason;

    public int interruptions;

    @Column(name = "retry_at")
    public Instant retryAt;

    /** The service instance driving the run, and until when; renewed while it does. */
    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @OneToMany(mappedBy = "run", fetch = FetchType.EAGER, cascade = CascadeType.ALL)
    @OrderBy("ordinal")
    public List<RunStep> steps = new ArrayList<>();

    @Version
    public int version;

    protected ProvisioningRun() {
    }

    public static ProvisioningRun start(Gateway gateway, String by, Instant now) {
        ProvisioningRun run = new ProvisioningRun();
        run.id = UUID.randomUUID();
        run.gateway = gateway;
        run.engagementId = gateway.engagementId;
        run.status = RunStatus.PENDING;
        run.startedBy = by;
        run.createdAt = now;
        for (StepName name : StepName.values()) {
            run.steps.add(new RunStep(run, name.ordinal() + 1, name));
        }
        return run;
    }

    /** The first step not done yet, if any. */
    public Optional<RunStep> nextStep() {
        return steps.stream().filter(step -> !step.status.complete()).findFirst();
    }

    /** The step at {@code ordinal}. */
    public RunStep step(int ordinal) {
        return steps.stream().filter(s -> s.ordinal == ordinal).findFirst().orElseThrow();
    }

    /**
     * Takes the run for {@code owner} until {@code until}; refused (false) when it is finished or another instance's
     * lease on it is still live at {@code now}.
     */
    public boolean claim(String owner, Instant now, Instant until) {
        if (status.finished() || !Lease.free(leaseOwner, leaseUntil, owner, now)) {
            return false;
        }
        leaseOwner = owner;
        leaseUntil = until;
        return true;
    }

    /** {@code step} starts now: the run is RUNNING (no retry pending), the step RUNNING with one more attempt. */
    public void begin(RunStep step, Instant now) {
        status = RunStatus.RUNNING;
        retryAt = null;
        step.begin(now);
    }

    /**
     * {@code step} ended DONE or SKIPPED: the interruptions in a row start again from none. Answers whether it was the
     * run's last step (then the caller records {@link #succeeded}).
     */
    public boolean stepEnded(RunStep step, StepStatus ended, Integer exitStatus, String output, Instant now) {
        if (!ended.complete()) {
            throw new IllegalArgumentException("a step ends DONE or SKIPPED, not " + ended);
        }
        step.ended(ended, exitStatus, output, now);
        interruptions = 0;
        return nextStep().isEmpty();
    }

    /**
     * The host could not be reached during {@code step}: the step is PENDING again and the run INTERRUPTED until
     * {@code retryAt}, its lease released for whichever instance retries it; after more than {@code maxInterruptions}
     * in a row the step and the run FAILED instead. Answers whether the run failed.
     */
    public boolean stepInterrupted(RunStep step, Integer exitStatus, String output, String reason,
            int maxInterruptions, Instant retryAt, Instant now) {
        step.ended(StepStatus.PENDING, exitStatus, output, now);
        interruptions++;
        if (interruptions > maxInterruptions) {
            step.status = StepStatus.FAILED;
            failed(step, "host unreachable " + interruptions + " times in a row: " + reason, now);
            return true;
        }
        status = RunStatus.INTERRUPTED;
        this.retryAt = retryAt;
        releaseLease();
        return false;
    }

    /** {@code step} FAILED (a command failed, or the host key changed): the run FAILED with it. */
    public void stepFailed(RunStep step, Integer exitStatus, String output, String reason, Instant now) {
        step.ended(StepStatus.FAILED, exitStatus, output, now);
        failed(step, reason, now);
    }

    /**
     * Every step is done: the run SUCCEEDED and its gateway provisioned. Answers whether the gateway runs for the
     * first time (the installation to announce), not after a rerun or while the kill switch holds it.
     */
    public boolean succeeded(Instant now) {
        releaseLease();
        status = RunStatus.SUCCEEDED;
        finishedAt = now;
        failedStep = null;
        failureReason = null;
        return gateway.provisioned(now);
    }

    /**
     * The run FAILED at {@code step} for {@code reason} (already redacted), and the gateway it was installing with it;
     * no retry is pending.
     */
    public void failed(RunStep step, String reason, Instant now) {
        releaseLease();
        status = RunStatus.FAILED;
        finishedAt = now;
        failedStep = step.name.slug();
        failureReason = reason;
        retryAt = null;
        gateway.provisioningFailed(now);
    }

    /**
     * A FAILED run goes again from its failed steps (PENDING again), its gateway PROVISIONING again if the failure had
     * marked it FAILED; any other run is left as it is (re-running a finished one changes nothing).
     */
    public void resume() {
        if (status != RunStatus.FAILED) {
            return;
        }
        steps.stream().filter(s -> s.status == StepStatus.FAILED).forEach(s -> s.status = StepStatus.PENDING);
        status = RunStatus.PENDING;
        finishedAt = null;
        interruptions = 0;
        gateway.provisioningResumed();
    }

    private void releaseLease() {
        leaseOwner = null;
        leaseUntil = null;
    }
}
