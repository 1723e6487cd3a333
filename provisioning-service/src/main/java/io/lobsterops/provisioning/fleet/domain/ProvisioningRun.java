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
}
