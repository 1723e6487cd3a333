package io.lobsterops.provisioning.fleet.host;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.events.HostChanged;
import io.lobsterops.events.HostRegistered;
import io.lobsterops.events.IncidentOpened;
import io.lobsterops.events.Priority;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.messaging.Outbox;
import io.lobsterops.provisioning.api.ProvisioningProblems;
import io.lobsterops.provisioning.fleet.domain.Host;
import io.lobsterops.provisioning.fleet.domain.HostFacts;
import io.lobsterops.provisioning.fleet.domain.HostKind;
import io.lobsterops.provisioning.fleet.domain.HostStatus;
import io.lobsterops.provisioning.fleet.persistence.GatewayRepository;
import io.lobsterops.provisioning.fleet.persistence.HostRepository;
import io.lobsterops.provisioning.fleet.secrets.SecretBox;
import io.lobsterops.provisioning.fleet.ssh.SshKeys;
import io.lobsterops.provisioning.fleet.ssh.SshTarget;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Hosts' units of work: registration with a fresh key pair, trust, facts, and a changed host key. */
@ApplicationScoped
public class HostService {

    private static final Logger LOG = Logger.getLogger(HostService.class);

    private final HostRepository hosts;
    private final GatewayRepository gateways;
    private final SecretBox secrets;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public HostService(HostRepository hosts, GatewayRepository gateways, SecretBox secrets, Outbox outbox) {
        this.hosts = hosts;
        this.gateways = gateways;
        this.secrets = secrets;
        this.outbox = outbox;
    }

    public record RegisterCommand(String name, String address, int sshPort, String loginUser, HostKind kind,
            int capacity, String region, String installDir, String hostKeyFingerprint, String registeredBy) {
    }

    @WithTransaction
    public Uni<Host> register(RegisterCommand command) {
        return Uni.createFrom().voidItem()
                .chain(() -> {
                    Host host = Host.register(command.name(), command.address(), command.sshPort(),
                            command.loginUser(), command.kind(), command.capacity(), command.region(), command.installDir(), "pending",
                            "pending", command.registeredBy(), now());
                    SshKeys.GeneratedKey key = SshKeys.generate("lobsterops-host-" + host.id);
                    host.keyPair(key.publicKeyLine(), secrets.seal(host.sshKeyContext(), key.privateKeyOpenSsh()));
                    if (command.hostKeyFingerprint() != null) {
                        host.trust(command.hostKeyFingerprint(), Host.TrustMode.EXPECTED, command.registeredBy(),
                                host.registeredAt);
                    }
                    return hosts.persist(host);
                })
                .call(host -> outbox.append(new HostRegistered(host.id, host.name, host.address, host.sshPort,
                        host.loginUser, host.hostKeyFingerprint, host.installDir, host.registeredAt)));
    }

    @WithSession
    public Uni<Host> find(UUID id) {
        return hosts.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Host", id));
    }

    @WithSession
    public Uni<List<Host>> page(int page, int size) {
        return hosts.page(page, size);
    }

    @WithSession
    public Uni<Long> count() {
        return hosts.count();
    }

    @WithSession
    public Uni<java.util.Map<UUID, Long>> gatewaysOn(List<UUID> hostIds) {
        return gateways.countOnHosts(hostIds);
    }

    @WithSession
    public Uni<Long> gatewaysOn(UUID hostId) {
        return gateways.countOnHost(hostId);
    }

    /**
     * The ports monitoring may forward to on this host: those of the gateways of every record of its login account (a
     * machine registered twice shares one {@code authorized_keys}, whose monitoring line must permit them all).
     */
    @WithSession
    public Uni<List<Integer>> gatewayPortsOn(Host host) {
        return gateways.portsAt(host.address, Optional.of(host.loginUser));
    }

    @WithTransaction
    public Uni<Host> trusted(UUID id, String fingerprint, Host.TrustMode mode, String by, HostFacts facts) {
        return find(id).invoke(host -> {
            host.trust(fingerprint, mode, by, now());
            host.recordFacts(facts);
        }).call(host -> outbox.append(new HostChanged(host.id, host.address, host.sshPort, host.loginUser,
                host.hostKeyFingerprint, host.installDir, "host key pinned (" + mode.name().toLowerCase() + ") by "
                        + by, host.trustedAt)));
    }

    @WithTransaction
    public Uni<Host> factsGathered(UUID id, HostFacts facts) {
        return find(id).invoke(host -> host.recordFacts(facts));
    }

    /**
     * The host presented another key than the pinned one: refuse everything from now on, and open one P0 incident
     * about the host (a security matter for every gateway on it; monitoring escalates it for each of their
     * engagements, notification pages staff once).
     */
    @WithTransaction
    public Uni<Void> hostKeyChanged(UUID id, String presented) {
        Instant now = now();
        return find(id).chain(host -> {
            boolean first = host.status != HostStatus.HOST_KEY_CHANGED;
            host.hostKeyChanged(presented);
            LOG.errorf("host %s (%s) presented host key %s instead of pinned %s: all operations refused", host.id,
                    host.address, presented, host.hostKeyFingerprint);
            if (!first) {
                return Uni.createFrom().voidItem();
            }
            return outbox.append(IncidentOpened.aboutHost(host.id, "host-key-changed", Priority.P0,
                    "Host key of " + host.name + " changed; operations refused",
                    "Host " + host.id + " (" + host.address + ":" + host.sshPort + ") presented " + presented
                            + " but " + host.hostKeyFingerprint + " is pinned. Possible man-in-the-middle or"
                            + " reinstalled host; a supervisor must re-trust it (POST /hosts/" + host.id
                            + "/trust) after checking it.", now)).replaceWithVoid();
        });
    }

    /** The connection details of a host; refuses a host whose key is not pinned or has changed. */
    public SshTarget target(Host host) {
        refuseUnlessTrusted(host);
        return connectTarget(host, host.hostKeyFingerprint);
    }

    /** Refuses a host not usable for operations: its key changed, not pinned yet, or the platform's access revoked. */
    public static void refuseUnlessTrusted(Host host) {
        if (host.status == HostStatus.HOST_KEY_CHANGED) {
            throw hostKeyChangedProblem(host);
        }
        if (host.status == HostStatus.ACCESS_REVOKED) {
            throw new ProblemException(ProvisioningProblems.HOST_ACCESS_REVOKED,
                    "Host " + host.id + " no longer authorizes the platform's"
                    + " key: it was removed when the last gateway there was terminated. To use the host again,"
                    + " authorize its public key (GET /hosts/" + host.id + ") in the login user's authorized_keys, then"
                    + " POST /hosts/" + host.id + "/trust (supervisor).");
        }
        if (host.status != HostStatus.TRUSTED) {
            throw new ProblemException(ProvisioningProblems.HOST_NOT_TRUSTED, "Host " + host.id
                    + " has no pinned host key yet: POST /hosts/" + host.id + "/trust first.");
        }
    }

    public SshTarget connectTarget(Host host, String expectedFingerprint) {
        return new SshTarget(host.address, host.sshPort, host.loginUser,
                secrets.open(host.sshKeyContext(), host.privateKeySealed), host.publicKey, expectedFingerprint,
                host.installDir);
    }

    public static ProblemException hostKeyChangedProblem(Host host) {
        return new ProblemException(ProvisioningProblems.HOST_KEY_CHANGED, "Host " + host.id + " presented host key "
                + host.presentedFingerprint + " but " + host.hostKeyFingerprint
                + " is pinned. Every operation on it is refused until a supervisor trusts it again.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
