package io.lobsterops.provisioning.fleet.termination;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.kit.blocking.Blocking;
import io.lobsterops.provisioning.config.ProvisioningConfig;
import io.lobsterops.provisioning.fleet.job.Drives;
import io.lobsterops.provisioning.fleet.job.StepOutcome;
import io.lobsterops.provisioning.fleet.openclaw.GatewayRemoval;
import io.lobsterops.provisioning.fleet.openclaw.MonitoringGrant;
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
 * Drives terminations step by step, like provisioning runs (ADR 0040): each step begun in a short transaction,
 * executed over SSH on a virtual thread, recorded with its effects in another; an interrupted termination is resumed
 * by {@link #sweep()} from its step. Also deletes archives past their retention.
 */
@ApplicationScoped
public class TerminationRunner {

    private static final Logger LOG = Logger.getLogger(TerminationRunner.class);

    private final TerminationService terminations;
    private final SshClients ssh;
    private final Blocking blocking;
    private final ProvisioningConfig config;
    private final TerminationConfig terminationConfig;
    private final ArchiveStore store;
    private final Drives drives;
    private final String owner = "termination-" + UUID.randomUUID();

    public TerminationRunner(TerminationService terminations, SshClients ssh, Blocking blocking,
            ProvisioningConfig config, TerminationConfig terminationConfig, ArchiveStore store) {
        this.terminations = terminations;
        this.ssh = ssh;
        this.blocking = blocking;
        this.config = config;
        this.terminationConfig = terminationConfig;
        this.store = store;
        this.drives = new Drives("termination", blocking, this::drive);
    }

    public void launch(UUID id) {
        drives.launch(id);
    }

    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            every = "${lobsterops.provisioning.runs.retry-every:5s}", delayed = "4s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return terminations.renewLeases(drives.active(), owner).chain(terminations::resumable).invoke(drives::resume)
                .replaceWithVoid();
    }

    /** The retention job: archives past their period are deleted and the deletion recorded on the certificate. */
    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            every = "${lobsterops.termination.retention-check-every:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> retention() {
        return deleteExpiredArchives().replaceWithVoid();
    }

    /** Deletes the archives past their retention now; answers how many. */
    public Uni<Integer> deleteExpiredArchives() {
        return terminations.deleteExpiredArchives();
    }

    private Uni<Void> drive(UUID id) {
        return terminations.begin(id, owner)
                .onFailure(e -> e instanceof jakarta.persistence.OptimisticLockException
                        || e instanceof org.hibernate.StaleObjectStateException)
                .recoverWithNull()
                .chain(work -> {
                    if (work == null) {
                        return Uni.createFrom().voidItem();
                    }
                    return blocking.run(() -> execute(work))
                            .chain(outcome -> terminations.record(id, work.step(), outcome))
                            .chain(t -> "RUNNING".equals(t.status) ? drive(id) : Uni.createFrom().voidItem());
                });
    }

    /** Runs one step; never throws. */
    TerminationOutcome execute(TerminationWork work) {
        Redactor redactor = Redactor.of(work.secrets().toArray(String[]::new));
        TerminationStep step = work.step();
        if (!step.onHost()) {
            return TerminationOutcome.done(step == TerminationStep.PUBLISH ? "agent.terminated appended to the outbox"
                    : work.hasGateway() ? "sealed secrets of the gateway deleted" : "no gateway: no sealed secret",
                    List.of());
        }
        if (!work.hasGateway()) {
            if (step == TerminationStep.EXPORT_ARCHIVE) {
                return archive(work, null);
            }
            return TerminationOutcome.skipped("the engagement has no gateway");
        }
        if (work.hostKeyChanged()) {
            return TerminationOutcome.failed("", "host key changed: every operation on this host is refused");
        }
        try (SshConnection connection = ssh.open(work.target())) {
            RemoteHost host = new RemoteHost(connection, config.openclaw(), work.openclawVersion(),
                    work.target().installDir());
            TerminationOutcome outcome = switch (step) {
                case STOP_GATEWAY -> {
                    CommandResult r = GatewayRemoval.stopAndRemoveService(host, work.profile());
                    yield r.ok() ? TerminationOutcome.done(r.combined(), deletedLines(r.stdout(), work))
                            : TerminationOutcome.failed(r.combined(), "the gateway could not be stopped: "
                                    + r.stderr().strip());
                }
                case EXPORT_ARCHIVE -> archive(work, host);
                case WIPE_HOST -> {
                    CommandResult r = GatewayRemoval.wipe(host, work.profile(), work.secrets());
                    yield r.ok() ? TerminationOutcome.done(r.combined(), deletedLines(r.stdout(), work))
                            : TerminationOutcome.failed(r.combined(), r.exitStatus() != null && r.exitStatus() == 3
                                    ? "a secret of the gateway is still on the host after the wipe"
                                    : "wiping the host failed (exit status " + r.exitStatus() + ")");
                }
                case REVOKE_ACCESS -> revoke(work, host);
                default -> throw new IllegalStateException(step.slug());
            };
            return new TerminationOutcome(outcome.kind(), redactor.redact(outcome.output()),
                    redactor.redact(outcome.reason()), outcome.archive(), outcome.repositoryNote(), outcome.deleted());
        } catch (HostKeyMismatchException e) {
            return TerminationOutcome.failed(e.getMessage(), "host key changed: " + e.getMessage());
        } catch (HostUnreachableException e) {
            LOG.warnf("termination %s step %s interrupted: %s", work.terminationId(), step.slug(), e.getMessage());
            return TerminationOutcome.interrupted(redactor.redact(e.getMessage()));
        } catch (SshException e) {
            return TerminationOutcome.failed(redactor.redact(e.getMessage()), redactor.redact(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "termination %s step %s failed", work.terminationId(), step.slug());
            return TerminationOutcome.failed(redactor.redact(String.valueOf(e.getMessage())),
                    redactor.redact(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /** The export: the gateway's data (when it has one) and the repository bundle, into the store with a manifest. */
    private TerminationOutcome archive(TerminationWork work, RemoteHost host) {
        var existing = store.existing(work.terminationId().toString());
        if (existing.isPresent()) {
            return new TerminationOutcome(StepOutcome.Kind.DONE, "archive already written: " + existing.get().path(),
                    null, existing.get(), null, List.of());
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        StringBuilder notes = new StringBuilder();
        String output = "";
        if (host != null) {
            GatewayRemoval.Export export = GatewayRemoval.export(host, work.profile(), work.secrets());
            files.putAll(export.files());
            output = export.output() + "\n";
            export.withheld().forEach(w -> notes.append("withheld ").append(w).append('\n'));
        }
        RepositoryBundle.Result bundle = RepositoryBundle.of(work.repository(), terminationConfig.bundleTimeout());
        if (bundle.bundle() != null) {
            files.put("repository.bundle", bundle.bundle());
        }
        notes.append(bundle.note()).append('\n');
        files.put("NOTES.txt", notes.toString().getBytes(StandardCharsets.UTF_8));
        ArchiveStore.Stored stored = store.write(work.terminationId().toString(), files);
        return new TerminationOutcome(StepOutcome.Kind.DONE, output + notes + "archive " + stored.path()
                + ": " + stored.files() + " file(s), " + stored.bytes() + " bytes, manifest sha256 "
                + stored.manifestSha256(), null, stored, bundle.note(), List.of());
    }

    /** What the certificate says when the revoke step removed the platform's keys (the host is then ACCESS_REVOKED). */
    static final String PLATFORM_KEYS_REMOVED =
            "monitoring-service's and provisioning-service's SSH keys (no other gateway on the host)";

    private TerminationOutcome revoke(TerminationWork work, RemoteHost host) {
        Instant now = Instant.now();
        String where = "host " + work.hostLabel();
        if (!work.otherPorts().isEmpty()) {
            if (work.monitoringLine() == null) {
                return TerminationOutcome.skipped("other gateways remain on the host (ports " + work.otherPorts()
                        + "); no monitoring key is configured, so nothing to narrow; provisioning's key stays");
            }
            CommandResult r = MonitoringGrant.grant(host, work.monitoringLine());
            return r.ok() ? TerminationOutcome.done(r.combined() + "\nmonitoring may forward to ports "
                    + work.otherPorts() + " only; provisioning's key stays for the other gateways",
                    List.of(new Deleted("monitoring's forwarding to this gateway's port", where + ", authorized_keys",
                            now.toString())))
                    : TerminationOutcome.failed(r.combined(), "narrowing monitoring's access failed");
        }
        CommandResult r = GatewayRemoval.revokeAll(host, work.hostPublicKey());
        return r.ok() ? TerminationOutcome.done(r.combined(), List.of(
                new Deleted(PLATFORM_KEYS_REMOVED,
                        where + ", ~/.ssh/authorized_keys", now.toString())))
                : TerminationOutcome.failed(r.combined(), "removing the platform's keys failed");
    }

    private static List<Deleted> deletedLines(String stdout, TerminationWork work) {
        List<Deleted> list = new ArrayList<>();
        String now = Instant.now().toString();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("deleted ")) {
                String path = line.substring("deleted ".length()).strip();
                list.add(new Deleted(describe(path), "host " + work.hostLabel() + ": " + path, now));
            }
        }
        return list;
    }

    private static String describe(String path) {
        if (path.contains("/.openclaw-")) {
            return "the gateway's state: configuration, channel credentials, workspace, sessions, memory";
        }
        if (path.contains("/gateways/")) {
            return "the gateway's supervisor files, backups and workspace snapshots";
        }
        if (path.endsWith(".service")) {
            return "the gateway's systemd user unit";
        }
        if (path.startsWith("/tmp/openclaw")) {
            return "the gateway's log";
        }
        return "file";
    }

}
