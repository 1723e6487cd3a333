package io.lobsterops.provisioning.fleet.run;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.kit.blocking.Blocking;
import io.lobsterops.provisioning.config.ProvisioningConfig;
import io.lobsterops.provisioning.fleet.domain.HostFacts;
import io.lobsterops.provisioning.fleet.domain.ProvisioningRun;
import io.lobsterops.provisioning.fleet.domain.RunStatus;
import io.lobsterops.provisioning.fleet.host.HostOperations;
import io.lobsterops.provisioning.fleet.host.HostService;
import io.lobsterops.provisioning.fleet.job.Drives;
import io.lobsterops.provisioning.fleet.job.StepOutcome;
import io.lobsterops.provisioning.fleet.openclaw.GatewayProcess.OnboardSpec;
import io.lobsterops.provisioning.fleet.openclaw.Redactor;
import io.lobsterops.provisioning.fleet.openclaw.RemoteHost;
import io.lobsterops.provisioning.fleet.ssh.CommandResult;
import io.lobsterops.provisioning.fleet.ssh.HostKeyMismatchException;
import io.lobsterops.provisioning.fleet.ssh.HostUnreachableException;
import io.lobsterops.provisioning.fleet.ssh.SshClients;
import io.lobsterops.provisioning.fleet.ssh.SshConnection;
import io.lobsterops.provisioning.fleet.ssh.SshException;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Drives provisioning runs step by step: each step is begun in a short transaction, executed over SSH on a virtual
 * thread, and its outcome recorded (with the run's events) in another. A run that is interrupted (host unreachable,
 * service stopped) is picked up again by {@link #sweep()} from the step it was on.
 */
@ApplicationScoped
public class ProvisioningRunner {

    private static final Logger LOG = Logger.getLogger(ProvisioningRunner.class);

    private final ProvisioningService provisioning;
    private final HostService hosts;
    private final SshClients ssh;
    private final Blocking blocking;
    private final ProvisioningConfig config;
    private final HostOperations hostOperations;
    private final Drives runs;
    /** This process, as the owner of the runs it drives. */
    private final String owner = "provisioning-" + UUID.randomUUID();

    public ProvisioningRunner(ProvisioningService provisioning, HostService hosts, SshClients ssh, Blocking blocking,
            ProvisioningConfig config, HostOperations hostOperations) {
        this.provisioning = provisioning;
        this.hostOperations = hostOperations;
        this.hosts = hosts;
        this.ssh = ssh;
        this.blocking = blocking;
        this.config = config;
        this.runs = new Drives("provisioning-run", blocking, this::drive);
    }

    /** Starts driving {@code runId} in the background unless this process already does. */
    public void launch(UUID runId) {
        runs.launch(runId);
    }

    /** Resumes interrupted runs whose retry time has come, and runs a stopped process left behind. */
    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            every = "${lobsterops.provisioning.runs.retry-every:5s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return provisioning.renewLeases(runs.active(), owner).chain(provisioning::resumable).invoke(runs::resume)
                .replaceWithVoid();
    }

    private Uni<Void> drive(UUID runId) {
        return provisioning.beginStep(runId, owner)
                .onFailure(e -> e instanceof jakarta.persistence.OptimisticLockException
                        || e instanceof org.hibernate.StaleObjectStateException)
                .recoverWithNull() // another instance claimed it in the same instant
                .chain(work -> {
            if (work == null) {
                return Uni.createFrom().voidItem();
            }
            return blocking.run(() -> execute(work))
                    .chain(outcome -> provisioning.record(runId, work.ordinal(), outcome)
                            .call(run -> outcome.kind() == StepOutcome.Kind.HOST_KEY_CHANGED
                                    ? hosts.hostKeyChanged(work.hostId(), outcome.presentedHostKey())
                                    : Uni.createFrom().voidItem())
                            .chain(run -> continues(run, outcome) ? drive(runId)
                                    : run.status == RunStatus.SUCCEEDED ? grantMonitoring(work.hostId())
                                    : Uni.createFrom().voidItem()));
        });
    }

    /**
     * A gateway was installed: monitoring may now forward to its port. A failure is logged, never fails the run; the
     * periodic catch-up grants it later.
     */
    private Uni<Void> grantMonitoring(UUID hostId) {
        if (config.monitoring().publicKey().filter(k -> !k.isBlank()).isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return hostOperations.grantMonitoring(hostId).invoke(grant -> LOG.infof(
                "host %s: monitoring may forward to ports %s", hostId, grant.ports()))
                .onFailure().invoke(e -> LOG.warnf("host %s: granting monitoring access failed (%s); the catch-up"
                        + " retries", hostId, e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private static boolean continues(ProvisioningRun run, StepOutcome outcome) {
        return !run.status.finished() && (outcome.kind() == StepOutcome.Kind.DONE
                || outcome.kind() == StepOutcome.Kind.SKIPPED);
    }

    /** Runs one step on the host; never throws. */
    StepOutcome execute(StepWork work) {
        Redactor redactor = Redactor.of(work.apiKey(), work.gatewayToken(), work.botToken());
        if (work.target() == null) {
            return StepOutcome.hostKeyChanged(null, "host key changed: every operation on this host is refused");
        }
        try (SshConnection connection = ssh.open(work.target())) {
            RemoteHost host = new RemoteHost(connection, config.openclaw(), work.openclawVersion(),
                    work.target().installDir());
            StepOutcome outcome = step(work, host);
            return new StepOutcome(outcome.kind(), outcome.exitStatus(), redactor.redact(outcome.output()),
                    redactor.redact(outcome.reason()), outcome.facts(), outcome.presentedHostKey());
        } catch (HostKeyMismatchException e) {
            return StepOutcome.hostKeyChanged(e.presented(), e.getMessage());
        } catch (HostUnreachableException e) {
            LOG.warnf("run %s step %s interrupted: %s", work.runId(), work.step().slug(), e.getMessage());
            return StepOutcome.interrupted(redactor.redact(e.getMessage()));
        } catch (SshException e) {
            return StepOutcome.failed(null, redactor.redact(e.getMessage()), redactor.redact(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "run %s step %s failed", work.runId(), work.step().slug());
            return StepOutcome.failed(null, redactor.redact(String.valueOf(e.getMessage())),
                    redactor.redact(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private StepOutcome step(StepWork work, RemoteHost host) {
        return switch (work.step()) {
            case CONNECT_AND_GATHER_FACTS -> gatherFacts(host);
            case INSTALL_NODE -> {
                String present = host.installedNode();
                yield present != null ? StepOutcome.skipped("Node " + present + " already installed")
                        : result(host.installNode(), "installing " + config.openclaw().nodePackage() + " failed");
            }
            case INSTALL_OPENCLAW -> {
                String present = host.installedOpenclaw();
                yield present != null ? StepOutcome.skipped(present + " already installed")
                        : result(host.installOpenclaw(), "installing openclaw@" + work.openclawVersion() + " failed");
            }
            case ONBOARD -> host.gateway().onboarded(work.profile())
                    ? StepOutcome.skipped("profile " + work.profile() + " already onboarded")
                    : host.gateway().portAnswers(work.port())
                    ? StepOutcome.failed(null, "127.0.0.1:" + work.port() + " already answers on the host",
                            "port " + work.port() + " is already in use on the host (another gateway or program);"
                                    + " not onboarding a gateway that could not listen on it")
                    : result(host.gateway().onboard(new OnboardSpec(work.profile(), work.agentId(), work.port(),
                            work.providerId(), work.baseUrl(), work.modelId(), work.modelPrice()), work.apiKey(), work.gatewayToken()),
                            "onboarding failed");
            case CONFIGURE_TELEGRAM -> work.botToken() == null
                    ? StepOutcome.skipped("no Telegram bot for this engagement")
                    : result(host.gateway().configureTelegram(work.profile(), work.botToken(), work.dmPolicy(),
                            work.allowFromJson(), config.telegram().apiRoot().map(Object::toString).orElse(null)),
                            "configuring Telegram failed");
            case START_GATEWAY -> result(host.gateway().start(work.profile()), "starting the gateway failed");
            case VERIFY -> {
                CommandResult ready = host.gateway().awaitReady(work.port());
                if (!ready.ok()) {
                    yield StepOutcome.failed(ready.exitStatus(), ready.combined(),
                            "gateway did not answer /readyz 200 on port " + work.port());
                }
                CommandResult status = host.gateway().statusRequireRpc(work.profile());
                String output = "readyz: " + ready.stdout().strip() + "\n" + status.combined();
                yield status.ok() ? StepOutcome.done(status.exitStatus(), output).withFacts(host.gatherFacts())
                        : StepOutcome.failed(status.exitStatus(), output, "gateway status --require-rpc failed");
            }
        };
    }

    private StepOutcome gatherFacts(RemoteHost host) {
        HostFacts facts = host.gatherFacts();
        String summary = "host key " + host.ssh().hostKeyFingerprint() + "\nos " + facts.os() + "\nkernel "
                + facts.kernel() + "\ncpus " + facts.cpus() + "\nmemory " + facts.memoryMb() + " MB\nfree disk "
                + facts.freeDiskMb() + " MB\nnode " + facts.nodeVersion() + "\nopenclaw " + facts.openclawVersion()
                + "\nsystemd user " + facts.systemdUser();
        long minMemory = config.hosts().minMemoryMb();
        long minDisk = config.hosts().minFreeDiskMb();
        if (facts.memoryMb() == null || facts.memoryMb() < minMemory) {
            return StepOutcome.failed(0, summary, "host has " + facts.memoryMb() + " MB memory, below the minimum "
                    + minMemory + " MB").withFacts(facts);
        }
        if (facts.freeDiskMb() == null || facts.freeDiskMb() < minDisk) {
            return StepOutcome.failed(0, summary, "host has " + facts.freeDiskMb() + " MB free disk, below the"
                    + " minimum " + minDisk + " MB").withFacts(facts);
        }
        return StepOutcome.done(0, summary).withFacts(facts);
    }

    private static StepOutcome result(CommandResult result, String failure) {
        if (result.ok()) {
            return StepOutcome.done(result.exitStatus(), result.combined());
        }
        return StepOutcome.failed(result.exitStatus(), result.combined(), failure + (result.timedOut()
                ? " (timed out)" : " (exit status " + result.exitStatus() + "): " + lastLine(result.combined())));
    }

    private static String lastLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.lastIndexOf('\n');
        String last = newline < 0 ? trimmed : trimmed.substring(newline + 1);
        return last.length() > 300 ? last.substring(0, 300) : last;
    }
}
