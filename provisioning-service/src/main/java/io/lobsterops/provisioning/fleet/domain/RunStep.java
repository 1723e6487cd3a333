package io.lobsterops.provisioning.fleet.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One step of a run: status, times, exit status and captured output (secrets redacted before it is stored). */
@Entity
@Table(name = "run_step")
public class RunStep {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "run_id")
    public ProvisioningRun run;

    @Column(nullable = false)
    public int ordinal;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public StepName name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public StepStatus status;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "exit_status")
    public Integer exitStatus;

    public String output;

    public int attempts;

    protected RunStep() {
    }

    RunStep(ProvisioningRun run, int ordinal, StepName name) {
        this.run = run;
        this.ordinal = ordinal;
        this.name = name;
        this.status = StepStatus.PENDING;
    }

    /** Starts now (again): RUNNING, not finished, one more attempt. */
    void begin(Instant now) {
        status = StepStatus.RUNNING;
        startedAt = now;
        finishedAt = null;
        attempts++;
    }

    /** Ended now as {@code ended} (PENDING when it is to be retried), with the command's exit status and output. */
    void ended(StepStatus ended, Integer exitStatus, String output, Instant now) {
        status = ended;
        finishedAt = now;
        this.exitStatus = exitStatus;
        this.output = output;
    }
}
