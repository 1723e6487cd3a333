package io.lobsterops.provisioning.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;
import io.lobsterops.provisioning.config.ProvisioningConfig;
import io.lobsterops.provisioning.domain.Gateway;
import io.lobsterops.provisioning.domain.GatewayBackup;
import io.lobsterops.provisioning.domain.GatewayState;
import io.lobsterops.provisioning.openclaw.RemoteHost;
import io.lobsterops.provisioning.ssh.CommandResult;
import io.lobsterops.provisioning.ssh.HostKeyMismatchException;
import io.lobsterops.provisioning.ssh.SshClients;
import io.lobsterops.provisioning.ssh.SshConnection;
import io.smallrye.mutiny.Uni;

/** Kill switch, resume and backups: the SSH work first, then its record and event. */
@ApplicationScoped
public class GatewayOperations {

    public static final ProblemType REMOTE_FAILED = ProblemType.of("remote-command-failed",
            "Command on the host failed", 502);

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
        return gateways.placed(gatewayId).chain(placed -> blocking.run(() -> {
            try (SshConnection connection = ssh.open(placed.target())) {
                return work.on(new RemoteHost(connection, config.openclaw(), placed.gateway().openclawVersion,
                        placed.target().installDir()), placed.gateway());
            }
        }).onFailure(HostKeyMismatchException.class)
                .recoverWithUni(e -> hostOperations.hostKeyChanged(placed.host(), (HostKeyMismatchException) e))
                .onFailure().transform(HostOperations::sshProblem));
    }

    /** Stops the gateway at once (TERM, KILL after the grace period), then records who and why. */
    public Uni<Gateway> kill(UUID gatewayId, String reason, String by) {
        return onHost(gatewayId, (host, gateway) -> checked(host.stop(gateway.profile), "stopping the gateway"))
                .chain(() -> gateways.suspended(gatewayId, reason, by));
    }

    /** Starts a suspended gateway again and waits for it to be ready. */
    public Uni<Gateway> resume(UUID gatewayId, String by) {
        return gateways.placed(gatewayId).chain(placed -> {
            if (placed.gateway().state != GatewayState.SUSPENDED) {
                throw new ProblemException(GatewayService.GATEWAY_NOT_RUNNING, "Gateway " + gatewayId + " is "
                        + placed.gateway().state + "; only a SUSPENDED gateway is resumed.");
            }
            return onHost(gatewayId, (host, gateway) -> {
                checked(host.start(gateway.profile), "starting the gateway");
                return checked(host.awaitReady(gateway.port), "waiting for /readyz");
            });
        }).chain(() -> gateways.resumed(gatewayId, by));
    }

    /** {@code openclaw backup create --verify}; the archive stays on the host and is listed here. */
    public Uni<GatewayBackup> backup(UUID gatewayId, String by) {
        return onHost(gatewayId, (host, gateway) -> {
            CommandResult result = checked(host.backup(gateway.profile), "openclaw backup create");
            JsonNode report = parse(result.stdout());
            String archive = report.path("archivePath").asText(null);
            if (archive == null) {
                throw new ProblemException(REMOTE_FAILED, "openclaw backup create gave no archivePath: "
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
            throw new ProblemException(REMOTE_FAILED, what + " failed" + (result.timedOut() ? " (timed out)"
                    : " (exit status " + result.exitStatus() + ")") + ": " + tail(result.combined()));
        }
        return result;
    }

    private static String tail(String text) {
        String trimmed = text.strip();
        return trimmed.length() > 500 ? trimmed.substring(trimmed.length() - 500) : trimmed;
    }
}
