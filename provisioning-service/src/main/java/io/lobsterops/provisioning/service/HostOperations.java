package io.lobsterops.provisioning.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.provisioning.config.ProvisioningConfig;
import io.lobsterops.provisioning.domain.Host;
import io.lobsterops.provisioning.domain.HostFacts;
import io.lobsterops.provisioning.domain.HostStatus;
import io.lobsterops.provisioning.openclaw.RemoteCommandException;
import io.lobsterops.provisioning.openclaw.RemoteHost;
import io.lobsterops.provisioning.ssh.HostKeyMismatchException;
import io.lobsterops.provisioning.ssh.HostUnreachableException;
import io.lobsterops.provisioning.ssh.SshClients;
import io.lobsterops.provisioning.ssh.SshConnection;
import io.lobsterops.provisioning.ssh.SshException;
import io.lobsterops.provisioning.ssh.SshTarget;
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
                        return new ProblemException(HostService.HOST_KEY_MISMATCH, "Host " + id + " presented "
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

    static Throwable sshProblem(Throwable e) {
        if (e instanceof HostUnreachableException) {
            return new ProblemException(HostService.HOST_UNREACHABLE, e.getMessage());
        }
        if (e instanceof SshException) {
            return new ProblemException(HostService.SSH_REFUSED, e.getMessage());
        }
        if (e instanceof RemoteCommandException) {
            return new ProblemException(HostService.HOST_UNREACHABLE, "Host answered, but " + e.getMessage());
        }
        return e;
    }

    static boolean usable(Host host) {
        return host.status == HostStatus.TRUSTED;
    }
}
