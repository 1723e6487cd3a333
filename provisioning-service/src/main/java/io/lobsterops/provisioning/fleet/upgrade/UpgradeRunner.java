package io.lobsterops.provisioning.fleet.upgrade;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.kit.blocking.Blocking;
import io.lobsterops.provisioning.config.ProvisioningConfig;
import io.lobsterops.provisioning.fleet.job.Drives;
import io.lobsterops.provisioning.fleet.job.StepOutcome;
import io.lobsterops.provisioning.fleet.openclaw.GatewayUpgrade;
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
 * Drives upgrades step by step (runbook §4, ADR 0041), like provisioning runs: each step begun in a short transaction,
 * run over SSH on a virtual thread, recorded with its effects in another; interrupted ones are resumed by the sweep.
 */
@ApplicationScoped
public class UpgradeRunner {

    private static final Logger LOG = Logger.getLogger(UpgradeRunner.class);
    private static final Pattern ARCHIVE = Pattern.compile("\"archivePath\"\\s*:\\s*\"([^\"]+)\"");

    private final UpgradeService upgrades;
    private final SshClients ssh;
    private final Blocking blocking;
    private final ProvisioningConfig config;
    private final UpgradeGoldSet goldSet;
    private final Drives drives;
    private final String owner = "upgrade-" + UUID.randomUUID();

    public UpgradeRunner(UpgradeService upgrades, SshClients ssh, Blocking blocking, ProvisioningConfig config,
            UpgradeGoldSet goldSet) {
        this.upgrades = upgrades;
        this.ssh = ssh;
        this.blocking = blocking;
        this.config = config;
        this.goldSet = goldSet;
        this.drives = new Drives("upgrade", blocking, this::drive);
    }

    public void launch(UUID id) {
        drives.launch(id);
    }

    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            every = "${lobsterops.provisioning.runs.retry-every:5s}", delayed = "4s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return upgrades.renewLeases(drives.active(), owner).chain(upgrades::resumable).invoke(drives::resume)
                .replaceWithVoid();
    }

    private record Result(StepOutcome outcome, UpgradeService.Extra extra) {
    }

    private Uni<Void> drive(UUID id) {
        return upgrades.begin(id, owner)
                .onFailure(e -> e instanceof jakarta.persistence.OptimisticLockException
                        || e instanceof org.hibernate.StaleObjectStateException)
                .recoverWithNull()
                .chain(work -> {
                    if (work == null) {
                        return Uni.createFrom().voidItem();
                    }
                    Uni<Result> result = work.step() == UpgradeStep.GOLD_SET
                            ? goldSet.check(work).map(r -> new Result(r.outcome(), new UpgradeService.Extra(null,
                                    r.score())))
                            : blocking.run(() -> execute(work));
                    return result.chain(r -> upgrades.record(id, work.step(), r.outcome(), r.extra()))
                            .chain(u -> u.finished() || u.retryAt != null // interrupted: the sweep resumes it
                                    ? Uni.createFrom().voidItem() : drive(id));
                });
    }

    /** Runs one step on the host; never throws. */
    private Result execute(UpgradeWork work) {
        Redactor redactor = Redactor.of(work.secrets().toArray(String[]::new));
        if (work.hostKeyChanged()) {
            return new Result(StepOutcome.failed(null, "", "host key changed: every operation on this host is"
                    + " refused"), UpgradeService.Extra.NONE);
        }
        try (SshConnection connection = ssh.open(work.target())) {
            String installDir = work.target().installDir();
            RemoteHost from = new RemoteHost(connection, config.openclaw(), work.fromVersion(), installDir);
            RemoteHost to = new RemoteHost(connection, config.openclaw(), work.toVersion(), installDir);
            Result result = step(work, from, to);
            StepOutcome o = result.outcome();
            return new Result(new StepOutcome(o.kind(), o.exitStatus(), redactor.redact(o.output()),
                    redactor.redact(o.reason()), null, null), result.extra());
        } catch (HostKeyMismatchException e) {
            return new Result(StepOutcome.failed(null, e.getMessage(), "host key changed: " + e.getMessage()),
                    UpgradeService.Extra.NONE);
        } catch (HostUnreachableException e) {
            LOG.warnf("upgrade %s step %s interrupted: %s", work.upgradeId(), work.step().slug(), e.getMessage());
            return new Result(StepOutcome.interrupted(redactor.redact(e.getMessage())), UpgradeService.Extra.NONE);
        } catch (SshException e) {
            return new Result(StepOutcome.failed(null, redactor.redact(e.getMessage()), redactor.redact(
                    e.getMessage())), UpgradeService.Extra.NONE);
        } catch (RuntimeException e) {
            LOG.errorf(e, "upgrade %s step %s failed", work.upgradeId(), work.step().slug());
            return new Result(StepOutcome.failed(null, redactor.redact(String.valueOf(e.getMessage())),
                    redactor.redact(e.getClass().getSimpleName() + ": " + e.getMessage())), UpgradeService.Extra.NONE);
        }
    }

    private Result step(UpgradeWork work, RemoteHost from, RemoteHost to) {
        String profile = work.profile();
        String id = work.upgradeId().toString();
        return switch (work.step()) {
            case SNAPSHOT -> {
                CommandResult r = from.workspace().backup(profile);
                Matcher m = ARCHIVE.matcher(r.stdout());
                boolean verified = r.ok() && r.stdout().replace(" ", "").contains("\"verified\":true");
                yield new Result(verified ? StepOutcome.done(r.exitStatus(), r.combined())
                        : failed(r, "openclaw backup create --verify did not report a verified snapshot"),
                        new UpgradeService.Extra(m.find() ? m.group(1) : null, null));
            }
            case INSTALL -> {
                String present = to.installedOpenclaw();
                yield plain(present != null ? StepOutcome.skipped(present + " already installed beside "
                        + work.fromVersion()) : check(to.installOpenclaw(), "installing openclaw@" + work.toVersion()
                                + " failed"));
            }
            case VALIDATE_CONFIG -> {
                CommandResult r = GatewayUpgrade.validateConfig(to, profile);
                yield plain(r.ok() && r.stdout().contains("\"valid\":true") ? StepOutcome.done(r.exitStatus(),
                        r.combined()) : failed(r, "openclaw " + work.toVersion() + " does not accept the gateway's"
                                + " configuration"));
            }
            case SWITCH -> {
                CommandResult stopped = from.gateway().stop(profile);
                CommandResult copied = GatewayUpgrade.copyStateAside(from, profile, id);
                if (!copied.ok()) {
                    from.gateway().start(profile);
                    yield plain(failed(copied, "the stopped gateway's state could not be copied aside"));
                }
                CommandResult started = to.gateway().start(profile);
                String output = stopped.combined() + copied.combined() + started.combined();
                yield plain(started.ok() ? StepOutcome.done(started.exitStatus(), output)
                        : StepOutcome.failed(started.exitStatus(), output, "starting the gateway from openclaw "
                                + work.toVersion() + " failed"));
            }
            case CHECK_WORKSPACE -> {
                if (work.released() == null) {
                    yield plain(StepOutcome.skipped("no release deployed on this gateway yet: nothing to compare"));
                }
                CommandResult r = GatewayUpgrade.checkWorkspace(to, profile, work.released());
                yield plain(r.ok() ? StepOutcome.done(r.exitStatus(), r.combined())
                        : failed(r, "the workspace is not the released commit " + work.deployedCommit() + ": "
                                + r.stdout().strip().replace('\n', ' ')));
            }
            case READYZ -> plain(check(to.gateway().awaitReady(work.port()), "/readyz did not answer 200 after the switch"));
            case STATUS -> plain(check(to.gateway().statusRequireRpc(profile), "gateway status --require-rpc failed"));
            case DOCTOR -> plain(check(to.gateway().doctorLint(profile), "doctor --lint found errors"));
            case GOLD_SET -> throw new IllegalStateException("the gold set runs through UpgradeGoldSet");
            case KEEP -> {
                CommandResult version = to.run("openclaw --version", null, java.time.Duration.ofSeconds(30));
                CommandResult dropped = GatewayUpgrade.dropStateCopy(to, profile, id);
                yield plain(StepOutcome.done(0, version.combined() + dropped.combined() + "kept openclaw "
                        + work.toVersion() + "; " + work.fromVersion() + " stays installed for a later rollback"));
            }
            case ROLLBACK -> {
                if (!work.switched()) {
                    yield plain(StepOutcome.done(0, "nothing was switched: the gateway stayed on openclaw "
                            + work.fromVersion()));
                }
                StringBuilder log = new StringBuilder();
                log.append(to.gateway().stop(profile).combined());
                CommandResult restored = GatewayUpgrade.restoreState(from, profile, id);
                log.append(restored.combined());
                if (!restored.ok() && !Integer.valueOf(2).equals(restored.exitStatus())) {
                    yield plain(StepOutcome.failed(restored.exitStatus(), log.toString(), "restoring the state"
                            + " copied before the switch failed"));
                }
                CommandResult started = from.gateway().start(profile);
                log.append(started.combined());
                CommandResult ready = from.gateway().awaitReady(work.port());
                log.append(ready.combined());
                if (!ready.ok()) {
                    yield plain(StepOutcome.failed(ready.exitStatus(), log.toString(), "openclaw "
                            + work.fromVersion() + " did not answer /readyz after the rollback"));
                }
                CommandResult status = from.gateway().statusRequireRpc(profile);
                log.append(status.combined());
                yield plain(status.ok() ? StepOutcome.done(0, log + "\nback on openclaw " + work.fromVersion())
                        : StepOutcome.failed(status.exitStatus(), log.toString(), "gateway status --require-rpc"
                                + " failed after the rollback"));
            }
        };
    }

    private static Result plain(StepOutcome outcome) {
        return new Result(outcome, UpgradeService.Extra.NONE);
    }

    private static StepOutcome check(CommandResult r, String failure) {
        return r.ok() ? StepOutcome.done(r.exitStatus(), r.combined()) : failed(r, failure);
    }

    private static StepOutcome failed(CommandResult r, String failure) {
        return StepOutcome.failed(r.exitStatus(), r.combined(), failure + (r.timedOut() ? " (timed out)"
                : " (exit status " + r.exitStatus() + ")"));
    }
}
