package io.lobsterops.provisioning.fleet.placement;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.lobsterops.events.Stage;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.messaging.Outbox;
import io.lobsterops.provisioning.api.ProvisioningProblems;
import io.lobsterops.provisioning.config.ProvisioningConfig;
import io.lobsterops.provisioning.engagement.domain.Engagement;
import io.lobsterops.provisioning.engagement.service.EngagementService;
import io.lobsterops.provisioning.fleet.domain.Gateway;
import io.lobsterops.provisioning.fleet.domain.Host;
import io.lobsterops.provisioning.fleet.domain.ModelPrice;
import io.lobsterops.provisioning.fleet.domain.ProvisioningRun;
import io.lobsterops.provisioning.fleet.host.HostService;
import io.lobsterops.provisioning.fleet.persistence.GatewayRepository;
import io.lobsterops.provisioning.fleet.persistence.HostRepository;
import io.lobsterops.provisioning.fleet.persistence.ProvisioningRunRepository;
import io.lobsterops.provisioning.fleet.secrets.SecretBox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Placing a gateway on a host, in one transaction: the engagement's stage and deposit, the host's trust, capacity and
 * minimums checked under a lock on the host row, a free profile and a port free on the whole machine, the gateway with
 * its sealed secrets and its provisioning run created, and SIGNED → PROVISIONING moved when this placement ends the
 * deposit's wait. The caller ({@link GatewayPlacement}) launches the run after the commit.
 */
@ApplicationScoped
public class Placements {

    /** Stages in which an engagement may get (or keep working on) its gateway. */
    static final Set<Stage> PLACEABLE = Set.of(Stage.PROVISIONING, Stage.CONFIGURING, Stage.IN_REVIEW,
            Stage.DEPLOYING, Stage.TRAINING, Stage.LIVE, Stage.STABLE, Stage.MAINTENANCE);

    private final EngagementService engagements;
    private final HostRepository hosts;
    private final GatewayRepository gateways;
    private final ProvisioningRunRepository runs;
    private final SecretBox secrets;
    private final Outbox outbox;
    private final ProvisioningConfig config;
    private final Clock clock = Clock.systemUTC();

    public Placements(EngagementService engagements, HostRepository hosts, GatewayRepository gateways,
            ProvisioningRunRepository runs, SecretBox secrets, Outbox outbox, ProvisioningConfig config) {
        this.engagements = engagements;
        this.hosts = hosts;
        this.gateways = gateways;
        this.runs = runs;
        this.secrets = secrets;
        this.outbox = outbox;
        this.config = config;
    }

    public record PlaceCommand(UUID engagementId, UUID hostId, String providerId, String baseUrl, String modelId,
            String apiKey, ModelPrice price, String botToken, String dmPolicy, List<String> allowFrom, String by) {

        @Override
        public String toString() {
            return "PlaceCommand[" + engagementId + " on " + hostId + "]";
        }
    }

    /**
     * Places the engagement's gateway on a host (capacity, minimums, free profile and port checked under a lock on the
     * host row) and creates its provisioning run. The caller launches the run after the commit.
     */
    @WithTransaction
    public Uni<ProvisioningRun> place(PlaceCommand command) {
        Instant now = now();
        return engagements.get(command.engagementId())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Engagement", command.engagementId()))
                .call(engagement -> engagement.stage == Stage.SIGNED ? provisioningStarts(engagement, command, now)
                        : Uni.createFrom().voidItem())
                .chain(engagement -> {
                    if (!PLACEABLE.contains(engagement.stage)) {
                        throw new ProblemException(ProvisioningProblems.NOT_PROVISIONING,
                                "Engagement " + engagement.id + " is in stage "
                                + engagement.stage + "; a gateway is placed once the contract is signed and the deposit"
                                + " paid or waived (placing it moves SIGNED -> PROVISIONING).");
                    }
                    return gateways.findByEngagement(engagement.id).chain(existing -> {
                        if (existing != null) {
                            throw new ProblemException(ProvisioningProblems.GATEWAY_EXISTS,
                                    "Engagement " + engagement.id
                                    + " already has gateway " + existing.id + "; a gateway never serves two clients"
                                    + " and an engagement has one.");
                        }
                        return hosts.findById(command.hostId(), LockModeType.PESSIMISTIC_WRITE);
                    }).chain(host -> {
                        if (host == null) {
                            throw ProblemException.notFound("Host", command.hostId());
                        }
                        usable(host);
                        return gateways.onHost(host.id).chain(onHost -> {
                            if (onHost.size() >= host.capacity) {
                                throw new ProblemException(ProvisioningProblems.HOST_FULL,
                                        "Host " + host.id + " holds " + onHost.size()
                                        + " of " + host.capacity + " gateway(s); choose another host.");
                            }
                            long perGateway = config.hosts().gatewayMemoryMb();
                            long reserved = config.hosts().reservedMemoryMb();
                            int fit = host.gatewaysThatFit(perGateway, reserved);
                            if (onHost.size() >= fit) {
                                throw new ProblemException(ProvisioningProblems.HOST_FULL, "Host " + host.id + " has "
                                        + host.factsMemoryMb + " MB memory: room for " + fit + " gateway(s) of ~"
                                        + perGateway + " MB (" + reserved + " MB kept for the system) and it holds "
                                        + onHost.size() + ", below its declared capacity of " + host.capacity
                                        + "; choose another host.");
                            }
                            return gateways.portsAt(host.address, Optional.empty()).chain(taken -> {
                                Gateway gateway = newGateway(command, engagement.client.id, host, taken, now);
                                ProvisioningRun run = ProvisioningRun.start(gateway, command.by(), now);
                                return gateways.persist(gateway).chain(() -> runs.persist(run));
                            });
                        });
                    });
                });
    }

    /**
     * SIGNED → PROVISIONING is the placing of the gateway after the deposit (ADR 0028): paid or waived, the engagement
     * moves with this placement as its reason; unpaid, the placement is refused ({@code deposit-unpaid}).
     */
    private Uni<Void> provisioningStarts(Engagement engagement, PlaceCommand command, Instant now) {
        String reason = "gateway placed after the deposit was " + (engagement.depositPaidAt != null
                ? "paid (invoice " + engagement.depositInvoice + ")" : "waived by " + engagement.depositWaivedBy);
        return engagements.record(engagement, Stage.PROVISIONING, reason, command.by(), now);
    }

    private void usable(Host host) {
        HostService.refuseUnlessTrusted(host);
        if (host.factsMemoryMb != null && host.factsMemoryMb < config.hosts().minMemoryMb()
                || host.factsFreeDiskMb != null && host.factsFreeDiskMb < config.hosts().minFreeDiskMb()) {
            throw new ProblemException(ProvisioningProblems.HOST_TOO_SMALL,
                    "Host " + host.id + " has " + host.factsMemoryMb
                    + " MB memory and " + host.factsFreeDiskMb + " MB free disk; a gateway needs at least "
                    + config.hosts().minMemoryMb() + " MB and " + config.hosts().minFreeDiskMb() + " MB.");
        }
    }

    private Gateway newGateway(PlaceCommand command, String clientId, Host host, List<Integer> taken, Instant now) {
        Set<Integer> ports = Set.copyOf(taken);
        int port = config.openclaw().basePort();
        while (ports.contains(port)) {
            port += config.openclaw().portSpacing();
        }
        if (port + config.openclaw().portSpacing() > 65535) {
            throw new ProblemException(ProvisioningProblems.HOST_FULL,
                    "Host " + host.id + " at " + host.address + " has no gateway port"
                    + " left from " + config.openclaw().basePort() + " on (" + ports.size() + " in use by the"
                    + " gateways of this machine's host records); choose another host.");
        }
        Gateway gateway = Gateway.place(command.engagementId(), clientId, host.id, port, config.openclaw().version(),
                command.by(), now);
        gateway.sealedToken(secrets.seal(gateway.context("token"), secrets.newToken()));
        gateway.model(command.providerId(), command.baseUrl(), command.modelId(),
                secrets.seal(gateway.context("model-api-key"), command.apiKey()), command.price());
        if (command.botToken() != null) {
            gateway.telegram(secrets.seal(gateway.context("telegram-bot-token"), command.botToken()),
                    command.dmPolicy(), command.allowFrom());
        }
        return gateway;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
