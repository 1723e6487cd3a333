package io.lobsterops.provisioning.fleet.host;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.blocking.Blocking;
import io.lobsterops.provisioning.api.ProvisioningProblems;
import io.lobsterops.provisioning.config.ProvisioningConfig;
import io.lobsterops.provisioning.fleet.domain.Host;
import io.lobsterops.provisioning.fleet.domain.HostFacts;
import io.lobsterops.provisioning.fleet.domain.HostStatus;
import io.lobsterops.provisioning.fleet.openclaw.RemoteCommandException;
import io.lobsterops.provisioning.fleet.openclaw.RemoteHost;
import io.lobsterops.provisioning.fleet.ssh.HostKeyMismatchException;
import io.lobsterops.provisioning.fleet.ssh.HostUnreachableException;
import io.lobsterops.provisioning.fleet.ssh.SshClients;
import io.lobsterops.provisioning.fleet.ssh.SshConnection;
import io.lobsterops.provisioning.fleet.ssh.SshException;
import io.lobsterops.provisioning.fleet.ssh.SshTarget;
import io.smallrye.mutiny.Uni;

/** What touches a host over SSH outside provisioning runs: first contact (trust) and fact gathering. */
@ApplicationScoped
public class HostOperations {

    private final HostService hosts;
    private final SshClients ssh;
    private final Blocking blocking;
    private final ProvisioningConfig config;

    public HostOperations(HostService hosts, SshClients ssh, Blocking blocking, ProvisioningConfig config) {
        this.hosts = hosts;
        this.ssh = ssh;
        this.blocking = blocking;
        this.config = config;
    }

    private record Contact(String fingerprint, HostFacts facts) {
    }

    /**
     * First contact: connect, compare the host key with {@code expected} (or accept it on first use when null), and
     * gather facts. Nothing is pinned unless the key matches and the login works.
     */
    public Uni<Host> trust(UUID id, String expected, String by) {
        return hosts.find(id).chain(host -> {
            SshTarget target = hosts.connectTarget(host, expected);
            return blocking.run(() -> contact(target))
                    .onFailure(HostKeyMismatchException.class).transform(e -> {
                        HostKeyMismatchException mismatch = (HostKeyMismatchException) e;
                        return new ProblemException(ProvisioningProblems.HOST_KEY_MISMATCH, "Host " + id + " presented "
                                + mismatch.presented() + ", not the expected " + expected + "; nothing was pinned.");
                    })
                    .onFailure().transform(HostOperations::sshProblem)
                    .chain(contact -> hosts.trusted(id, contact.fingerprint(),
                            expected == null ? Host.TrustMode.FIRST_USE : Host.TrustMode.EXPECTED, by,
                            contact.facts()));
        });
    }

    /** Connects with the pinned key and records fresh facts; a changed host key marks the host and is refused. */
    public Uni<Host> refreshFacts(UUID id) {
        return hosts.find(id).chain(host -> {
            SshTarget target = hosts.target(host);
            return blocking.run(() -> contact(target))
                    .onFailure(HostKeyMismatchException.class).recoverWithUni(e -> hostKeyChanged(host,
                            (HostKeyMismatchException) e))
                    .onFailure().transform(HostOperations::sshProblem)
                    .chain(contact -> hosts.factsGathered(id, contact.facts()));
        });
    }

    /** What granting monitoring its access did on a host. */
    public record MonitoringGrant(UUID hostId, java.util.List<Integer> ports, String output) {
    }

    /**
     * Installs monitoring's probe and its restricted key line on the host, allowing forwarding to the ports of the
     * gateways placed there now. Run after every gateway installed and by the periodic catch-up; idempotent.
     */
    public Uni<MonitoringGrant> grantMonitoring(UUID id) {
        String publicKey = config.monitoring().publicKey().filter(k -> !k.isBlank()).orElseThrow(() ->
                new ProblemException(ProvisioningProblems.MONITORING_KEY_MISSING,
                        "lobsterops.provisioning.monitoring.public-key is not"
                        + " set: no host can grant monitoring-service access."));
        return hosts.find(id).chain(host -> hosts.gatewayPortsOn(host).chain(ports -> {
            String line = io.lobsterops.kit.probe.MonitoringAccess.authorizedKeysLine(publicKey, host.installDir,
                    ports);
            SshTarget target = hosts.target(host);
            return blocking.run(() -> {
                try (SshConnection connection = ssh.open(target)) {
                    RemoteHost remote = new RemoteHost(connection, config.openclaw(), config.openclaw().version(),
                            target.installDir());
                    io.lobsterops.provisioning.fleet.ssh.CommandResult result = io.lobsterops.provisioning.fleet.openclaw.MonitoringGrant.grant(remote, line);
                    if (!result.ok()) {
                        throw new RemoteCommandException("granting monitoring access", result);
                    }
                    return new MonitoringGrant(id, ports, result.stdout().strip());
                }
            }).onFailure(HostKeyMismatchException.class).recoverWithUni(e -> hostKeyChanged(host,
                    (HostKeyMismatchException) e)).onFailure().transform(HostOperations::sshProblem);
        }));
    }

    /**
     * The catch-up: every usable host grants monitoring its current access again (hosts provisioned before the key
     * existed, gateways removed since). Does nothing without monitoring's key.
     */
    @io.quarkus.scheduler.Scheduled(every = "${lobsterops.provisioning.monitoring.catch-up-every:1h}", delayed = "60s",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> grantMonitoringEverywhere() {
        if (config.monitoring().publicKey().filter(k -> !k.isBlank()).isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return hosts.page(0, 1000).chain(all -> io.smallrye.mutiny.Multi.createFrom().iterable(all)
                .select().where(HostOperations::usable)
                .onItem().transformToUniAndConcatenate(host -> grantMonitoring(host.id).onFailure()
                        .invoke(e -> org.jboss.logging.Logger.getLogger(HostOperations.class).warnf(
                                "host %s: monitoring access not granted: %s", host.id, e.getMessage()))
                        .onFailure().recoverWithNull())
                .collect().last()).replaceWithVoid();
    }

    /** Records the changed key (and its incidents), then fails with the problem every caller sees. */
    public <T> Uni<T> hostKeyChanged(Host host, HostKeyMismatchException e) {
        return hosts.hostKeyChanged(host.id, e.presented()).chain(() -> hosts.find(host.id))
                .chain(changed -> Uni.createFrom().failure(HostService.hostKeyChangedProblem(changed)));
    }

    private Contact contact(SshTarget target) {
        try (SshConnection connection = ssh.open(target)) {
            RemoteHost remote = new RemoteHost(connection, config.openclaw(), config.openclaw().version(),
                    target.installDir());
            return new Contact(connection.hostKeyFingerprint(), remote.gatherFacts());
        }
    }

    /** The problem a caller sees for a failed SSH contact (unreachable, refused, a command that failed). */
    public static Throwable sshProblem(Throwable e) {
        if (e instanceof HostUnreachableException) {
            return new ProblemException(ProvisioningProblems.HOST_UNREACHABLE, e.getMessage());
        }
        if (e instanceof SshException) {
            return new ProblemException(ProvisioningProblems.SSH_REFUSED, e.getMessage());
        }
        if (e instanceof RemoteCommandException) {
            return new ProblemException(ProvisioningProblems.HOST_UNREACHABLE, "Host answered, but " + e.getMessage());
        }
        return e;
    }

    static boolean usable(Host host) {
        return host.status == HostStatus.TRUSTED;
    }
}
