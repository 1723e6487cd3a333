package io.lobsterops.provisioning.fleet.gateway;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.blocking.Blocking;
import io.lobsterops.provisioning.api.ProvisioningProblems;
import io.lobsterops.provisioning.config.ProvisioningConfig;
import io.lobsterops.provisioning.fleet.domain.Gateway;
import io.lobsterops.provisioning.fleet.domain.GatewayBackup;
import io.lobsterops.provisioning.fleet.domain.GatewayState;
import io.lobsterops.provisioning.fleet.host.HostOperations;
import io.lobsterops.provisioning.fleet.openclaw.RemoteHost;
import io.lobsterops.provisioning.fleet.ssh.CommandResult;
import io.lobsterops.provisioning.fleet.ssh.HostKeyMismatchException;
import io.lobsterops.provisioning.fleet.ssh.SshClients;
import io.lobsterops.provisioning.fleet.ssh.SshConnection;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Kill switch, resume and backups: the SSH work first, then its record and event. */
@ApplicationScoped
public class GatewayOperations {

    private static final Logger LOG = Logger.getLogger(GatewayOperations.class);

    private final GatewayService gateways;
    private final HostOperations hostOperations;
    private final SshClients ssh;
    private final Blocking blocking;
    private final ProvisioningConfig config;
    private final ObjectMapper json;

    public GatewayOperations(GatewayService gateways, HostOperations hostOperations, SshClients ssh,
            Blocking blocking, ProvisioningConfig config, ObjectMapper json) {
        this.gateways = gateways;
        this.hostOperations = hostOperations;
        this.ssh = ssh;
        this.blocking = blocking;
        this.config = config;
        this.json = json;
    }

    private interface Work<T> {
        T on(RemoteHost host, Gateway gateway);
    }

    private <T> Uni<T> onHost(UUID gatewayId, Work<T> work) {
        return gateways.placed(gatewayId).invoke(placed -> placed.gateway().refuseIfTerminated())
                .chain(placed -> blocking.run(() -> {
                    try (SshConnection connection = ssh.open(placed.target())) {
                        return work.on(new RemoteHost(connection, config.openclaw(), placed.gateway().openclawVersion,
                                placed.target().installDir()), placed.gateway());
                    }
                }).onFailure(HostKeyMismatchException.class)
                        .recoverWithUni(e -> hostOperations.hostKeyChanged(placed.host(), (HostKeyMismatchException) e))
                        .onFailure().transform(HostOperations::sshProblem));
    }

    /** What the kill switch achieved: enforced (the gateway is stopped) or pending (retried until it is). */
    public record Kill(Gateway gateway, boolean enforced) {
    }

    /**
     * Records who pulled the kill switch and why, then stops the gateway at once (TERM, KILL after the grace period).
     * When the host cannot be reached the kill stays recorded and pending, and {@link #enforcePendingKills()} retries
     * it until the host answers.
     */
    public Uni<Kill> kill(UUID gatewayId, String reason, String by) {
        return gateways.killRequested(gatewayId, reason, by).chain(requested -> requested.state == GatewayState.SUSPENDED
                ? Uni.createFrom().item(new Kill(requested, true))
                : enforceKill(gatewayId));
    }

    private Uni<Kill> enforceKill(UUID gatewayId) {
        return onHost(gatewayId, (host, gateway) -> checked(host.gateway().stop(gateway.profile), "stopping the gateway"))
                .chain(() -> gateways.killed(gatewayId)).map(gateway -> new Kill(gateway, true))
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("kill switch on gateway %s not enforced yet: %s", gatewayId, e.getMessage());
                    return gateways.killNotEnforced(gatewayId, String.valueOf(e.getMessage()))
                            .map(gateway -> new Kill(gateway, false));
                });
    }

    /** Retries the kills that could not be enforced, until each host answers (or the gateway is resumed). */
    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            every = "${lobsterops.provisioning.runs.retry-every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> enforcePendingKills() {
        return gateways.pendingKills().chain(ids -> Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> enforceKill(id).onFailure().recoverWithNull())
                .collect().last()).replaceWithVoid();
    }

    /** Starts a suspended gateway again (or cancels a kill still pending) and waits for it to be ready. */
    public Uni<Gateway> resume(UUID gatewayId, String by) {
        return gateways.placed(gatewayId).chain(placed -> {
            placed.gateway().refuseResumeUnlessHeld();
            return onHost(gatewayId, (host, gateway) -> {
                checked(host.gateway().start(gateway.profile), "starting the gateway");
                return checked(host.gateway().awaitReady(gateway.port), "waiting for /readyz");
            });
        }).chain(() -> gateways.resumed(gatewayId, by));
    }

    /** {@code openclaw backup create --verify}; the archive stays on the host and is listed here. */
    public Uni<GatewayBackup> backup(UUID gatewayId, String by) {
        return onHost(gatewayId, (host, gateway) -> {
            CommandResult result = checked(host.workspace().backup(gateway.profile), "openclaw backup create");
            JsonNode report = parse(result.stdout());
            String archive = report.path("archivePath").asText(null);
            if (archive == null) {
                throw new ProblemException(ProvisioningProblems.REMOTE_FAILED,
                        "openclaw backup create gave no archivePath: "
                        + result.combined());
            }
            CommandResult size = host.fileSize(archive);
            Long bytes = size.ok() ? Long.valueOf(size.stdout().strip()) : null;
            return new BackupMade(archive, report.path("verified").asBoolean(false), bytes);
        }).chain(made -> gateways.backedUp(gatewayId, made.archive(), made.verified(), made.size(), by));
    }

    private record BackupMade(String archive, boolean verified, Long size) {
    }

    private JsonNode parse(String stdout) {
        String text = stdout.strip();
        int start = text.indexOf('{');
        try {
            return json.readTree(start < 0 ? "{}" : text.substring(start));
        } catch (Exception e) {
            return json.createObjectNode();
        }
    }

    static CommandResult checked(CommandResult result, String what) {
        if (!result.ok()) {
            throw new ProblemException(ProvisioningProblems.REMOTE_FAILED,
                    what + " failed" + (result.timedOut() ? " (timed out)"
                    : " (exit status " + result.exitStatus() + ")") + ": " + tail(result.combined()));
        }
        return result;
    }

    private static String tail(String text) {
        String trimmed = text.strip();
        return trimmed.length() > 500 ? trimmed.substring(trimmed.length() - 500) : trimmed;
    }
}
