package io.lobsterops.provisioning.fleet.deployment;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.kit.blocking.Blocking;
import io.lobsterops.provisioning.config.ProvisioningConfig;
import io.lobsterops.provisioning.fleet.deployment.DeploymentService.DeployWork;
import io.lobsterops.provisioning.fleet.domain.DeploymentStatus;
import io.lobsterops.provisioning.fleet.domain.Gateway;
import io.lobsterops.provisioning.fleet.gateway.GatewayService;
import io.lobsterops.provisioning.fleet.openclaw.RemoteHost;
import io.lobsterops.provisioning.fleet.openclaw.ScheduledJob;
import io.lobsterops.provisioning.fleet.openclaw.WorkspaceFiles.Plan;
import io.lobsterops.provisioning.fleet.openclaw.WorkspaceFiles.Planned;
import io.lobsterops.provisioning.fleet.openclaw.WorkspaceFiles;
import io.lobsterops.provisioning.fleet.ssh.CommandResult;
import io.lobsterops.provisioning.fleet.ssh.HostUnreachableException;
import io.lobsterops.provisioning.fleet.ssh.SshClients;
import io.lobsterops.provisioning.fleet.ssh.SshConnection;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Deploys approved commits: saves the current workspace, writes the approved files (each checked against its
 * sha256 once on the host), removes BOOTSTRAP.md, restarts the gateway, waits for {@code /readyz}, runs
 * {@code doctor --lint --severity-min error} and {@code gateway status --require-rpc}. If any of that fails after
 * the workspace was touched, the saved workspace is put back, the gateway restarted, and the deployment says so.
 */
@ApplicationScoped
public class Deployer {

    private static final Logger LOG = Logger.getLogger(Deployer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeploymentService deployments;
    private final GatewayService gateways;
    private final SshClients ssh;
    private final Blocking blocking;
    private final ProvisioningConfig config;
    private final Set<UUID> activeGateways = ConcurrentHashMap.newKeySet();
    private final Set<UUID> activeDeployments = ConcurrentHashMap.newKeySet();
    /** This process, as the owner of the deployments it drives. */
    private final String owner = "deployer-" + UUID.randomUUID();

    public Deployer(DeploymentService deployments, GatewayService gateways, SshClients ssh, Blocking blocking,
            ProvisioningConfig config) {
        this.deployments = deployments;
        this.gateways = gateways;
        this.ssh = ssh;
        this.blocking = blocking;
        this.config = config;
    }

    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            every = "${lobsterops.provisioning.runs.deploy-every:2s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return deployments.renewLeases(List.copyOf(activeDeployments), owner)
                .chain(deployments::waiting).invoke(ids -> ids.forEach(this::launch)).replaceWithVoid();
    }

    void launch(UUID deploymentId) {
        if (!activeDeployments.add(deploymentId)) {
            return;
        }
        blocking.launch("deployment-" + deploymentId, () -> deployments.begin(deploymentId, owner)
                .onFailure(e -> e instanceof jakarta.persistence.OptimisticLockException
                        || e instanceof org.hibernate.StaleObjectStateException)
                .recoverWithNull() // another instance claimed it in the same instant
                .chain(work -> {
                    if (work == null || !activeGateways.add(work.gatewayId())) {
                        return Uni.createFrom().voidItem();
                    }
                    return gateways.placed(work.gatewayId())
                            .chain(placed -> blocking.run(() -> deploy(work, placed)))
                            .onFailure().recoverWithItem(e -> new Result(DeploymentStatus.FAILED, "", e.getMessage()))
                            .chain(result -> result.status() == DeploymentStatus.PENDING
                                    ? deployments.interrupted(deploymentId, result.reason(), config.runs().retryEvery())
                                    : deployments.finished(deploymentId, result.status(), result.output(),
                                            result.reason()))
                            .onTermination().invoke(() -> activeGateways.remove(work.gatewayId()))
                            .replaceWithVoid();
                }), () -> activeDeployments.remove(deploymentId));
    }

    private record Result(DeploymentStatus status, String output, String reason) {
    }

    private Result deploy(DeployWork work, GatewayService.Placed placed) {
        if (placed.gateway().state == io.lobsterops.provisioning.fleet.domain.GatewayState.TERMINATED) {
            return new Result(DeploymentStatus.FAILED, "", "not deployed: the gateway was terminated");
        }
        StringBuilder log = new StringBuilder();
        String profile = placed.gateway().profile;
        int port = placed.gateway().port;
        Plan plan;
        try {
            plan = WorkspaceFiles.plan(work.files());
        } catch (IllegalArgumentException e) {
            return new Result(DeploymentStatus.FAILED, "", "refused before touching the workspace: " + e.getMessage());
        }
        plan.notes().forEach(note -> log.append(note).append('\n'));
        SshConnection connection;
        try {
            connection = ssh.open(placed.target());
        } catch (HostUnreachableException e) {
            LOG.warnf("deployment %s waits for its host: %s", work.deploymentId(), e.getMessage());
            return new Result(DeploymentStatus.PENDING, "", "host unreachable: " + e.getMessage());
        }
        try (connection) {
            RemoteHost host = new RemoteHost(connection, config.openclaw(), placed.gateway().openclawVersion,
                    placed.target().installDir());
            String saved = "before-" + work.deploymentId();
            CommandResult snapshot = step(log, "save workspace", host.workspace().snapshotWorkspace(profile, saved));
            if (!snapshot.ok()) {
                return new Result(DeploymentStatus.FAILED, log.toString(), "could not save the current workspace");
            }
            String failure = apply(log, host, placed.gateway(), plan);
            if (failure == null) {
                return new Result(DeploymentStatus.DEPLOYED, log.toString(), null);
            }
            log.append("rolling back: ").append(failure).append('\n');
            step(log, "restore workspace", host.workspace().restoreWorkspace(profile, saved));
            step(log, "restart", host.gateway().restart(profile));
            CommandResult ready = step(log, "readyz", host.gateway().awaitReady(port));
            return new Result(ready.ok() ? DeploymentStatus.ROLLED_BACK : DeploymentStatus.FAILED, log.toString(),
                    failure + (ready.ok() ? "; rolled back to " + (work.previousCommit() == null
                            ? "the onboarded workspace" : work.previousCommit())
                            : "; rollback did not bring the gateway back to ready"));
        }
    }

    /** Writes and checks; answers null on success, else why it failed. */
    private String apply(StringBuilder log, RemoteHost host, Gateway gateway, Plan plan) {
        String profile = gateway.profile;
        int port = gateway.port;
        for (Planned file : plan.files()) {
            CommandResult written = step(log, "write " + file.path(),
                    host.workspace().writeWorkspaceFile(profile, file.path(), file.content()));
            if (!written.ok()) {
                return "writing " + file.path() + " failed";
            }
            if (!written.stdout().strip().equalsIgnoreCase(file.sha256())) {
                return file.path() + " on the host has sha256 " + written.stdout().strip() + ", not the approved "
                        + file.sha256();
            }
        }
        step(log, "remove BOOTSTRAP.md", host.workspace().removeWorkspaceFile(profile, "BOOTSTRAP.md"));
        if (!step(log, "restart", host.gateway().restart(profile)).ok()) {
            return "gateway restart failed";
        }
        if (!step(log, "readyz", host.gateway().awaitReady(port)).ok()) {
            return "gateway not ready after restart";
        }
        if (!step(log, "doctor --lint --severity-min error", host.gateway().doctorLint(profile)).ok()) {
            return "doctor found errors";
        }
        if (!step(log, "gateway status --require-rpc", host.gateway().statusRequireRpc(profile)).ok()) {
            return "gateway status --require-rpc failed";
        }
        return plan.jobs() == null ? null : schedule(log, host, gateway, plan.jobs());
    }

    /**
     * Declares the approved scheduled jobs on the gateway and removes the ones an earlier release declared that this
     * one no longer has; OpenClaw's own jobs are left alone. Briefings go to the client's Telegram user when the
     * gateway has an allow-listed one, else to OpenClaw's default (the last channel used).
     */
    private String schedule(StringBuilder log, RemoteHost host, Gateway gateway, List<ScheduledJob> jobs) {
        String to = gateway.telegramTokenSealed == null || gateway.telegramAllowFrom == null
                || gateway.telegramAllowFrom.isBlank() ? null : gateway.telegramAllowFrom.split(",")[0];
        for (ScheduledJob job : jobs) {
            if (!step(log, "cron add " + job.name(), host.workspace().declareJob(gateway.profile, gateway.agentId, job,
                    to == null ? null : "telegram", to)).ok()) {
                return "declaring the scheduled job " + job.name() + " failed";
            }
        }
        CommandResult listed = step(log, "cron list", host.workspace().listJobs(gateway.profile));
        if (!listed.ok()) {
            return "listing the gateway's scheduled jobs failed";
        }
        Set<String> kept = new java.util.HashSet<>();
        jobs.forEach(job -> kept.add(job.declarationKey()));
        try {
            String text = listed.stdout();
            JsonNode list = JSON.readTree(text.substring(Math.max(0, text.indexOf('{'))));
            for (JsonNode job : list.path("jobs")) {
                String key = job.path("declarationKey").asText("");
                if (key.startsWith(ScheduledJob.DECLARATION_PREFIX) && !kept.contains(key)
                        && !step(log, "cron rm " + key, host.workspace().removeJob(gateway.profile, job.path("id").asText()))
                                .ok()) {
                    return "removing the scheduled job " + key + " failed";
                }
            }
        } catch (Exception e) {
            return "the gateway's scheduled job list could not be read";
        }
        return null;
    }

    private static CommandResult step(StringBuilder log, String what, CommandResult result) {
        String output = result.combined().strip();
        if (output.length() > 2000) {
            output = output.substring(0, 2000) + " …";
        }
        log.append("$ ").append(what).append(" -> ").append(result.timedOut() ? "timed out" : "exit "
                + result.exitStatus()).append('\n');
        if (!output.isEmpty()) {
            log.append(output).append('\n');
        }
        return result;
    }
}
