package io.lobsterops.provisioning.fleet.deployment;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.events.AgentDeployed;
import io.lobsterops.events.AgentFile;
import io.lobsterops.events.ConfigApproved;
import io.lobsterops.events.IncidentOpened;
import io.lobsterops.events.Priority;
import io.lobsterops.kit.messaging.Outbox;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.lobsterops.provisioning.engagement.service.EngagementService;
import io.lobsterops.provisioning.fleet.domain.Deployment;
import io.lobsterops.provisioning.fleet.domain.DeploymentStatus;
import io.lobsterops.provisioning.fleet.domain.GatewayState;
import io.lobsterops.provisioning.fleet.domain.Lease;
import io.lobsterops.provisioning.fleet.openclaw.Redactor;
import io.lobsterops.provisioning.fleet.persistence.DeploymentRepository;
import io.lobsterops.provisioning.fleet.persistence.GatewayRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Deployments of approved configurations: recorded from config.approved, then moved on by {@link Deployer}. */
@ApplicationScoped
public class DeploymentService {

    private static final Logger LOG = Logger.getLogger(DeploymentService.class);

    private final DeploymentRepository deployments;
    private final GatewayRepository gateways;
    private final EngagementService engagements;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();
    private final io.lobsterops.provisioning.fleet.goldset.GoldSetEvaluations goldSets;

    public DeploymentService(DeploymentRepository deployments, GatewayRepository gateways,
            EngagementService engagements, Outbox outbox, ObjectMapper json,
            io.lobsterops.provisioning.fleet.goldset.GoldSetEvaluations goldSets) {
        this.goldSets = goldSets;
        this.engagements = engagements;
        this.deployments = deployments;
        this.gateways = gateways;
        this.outbox = outbox;
        this.json = json;
    }

    /** config.approved, inside the consumer's transaction: a PENDING deployment for the engagement's gateway. */
    public Uni<Void> approved(ReceivedEvent event, ConfigApproved approved) {
        return engagements.get(approved.engagementId()).chain(engagement -> engagement == null
                ? unknownEngagement(event, approved)
                : gateways.findByEngagement(approved.engagementId()).chain(gateway -> {
            Instant now = now();
            Deployment deployment = Deployment.approved(approved.engagementId(), event.id(), approved.repository(),
                    approved.commit(), approved.tag(), approved.approvedBy(),
                    write(approved.files() == null ? List.of() : approved.files()), now);
            if (gateway != null && gateway.state == GatewayState.TERMINATED) {
                // kept as a record of what was approved, never run: the agent is gone from its host
                LOG.warnf("config.approved %s for engagement %s, whose gateway %s was terminated: not deployed",
                        event.id(), approved.engagementId(), gateway.id);
                deployment.notDeployed(gateway.id, "not deployed: the gateway was terminated", now);
            } else if (gateway == null || gateway.state == GatewayState.PROVISIONING
                    || gateway.state == GatewayState.FAILED) {
                LOG.infof("config.approved %s for engagement %s, whose gateway is not installed yet: deployed once it"
                        + " is", event.id(), approved.engagementId());
                deployment.waitForGateway();
            } else {
                deployment.bindTo(gateway.id);
            }
            return deployments.persist(deployment).replaceWithVoid();
        }));
    }

    private static Uni<Void> unknownEngagement(ReceivedEvent event, ConfigApproved approved) {
        LOG.warnf("config.approved %s for engagement %s, which this service never opened: nothing to deploy",
                event.id(), approved.engagementId());
        return Uni.createFrom().voidItem();
    }

    /**
     * The engagement's gateway was installed: approved configurations that waited for it are bound to it, oldest
     * first, and the deployer takes them from there. Called in the transaction that records the installation.
     */
    public Uni<Integer> bindWaiting(UUID engagementId, UUID gatewayId) {
        return deployments.update("gatewayId = ?1, reason = null where engagementId = ?2 and gatewayId is null"
                + " and status = ?3", gatewayId, engagementId, DeploymentStatus.PENDING);
    }

    /** What a deployment needs, with the gateway's commit now in place (to roll back to). */
    public record DeployWork(UUID deploymentId, UUID gatewayId, String commit, String previousCommit,
            List<AgentFile> files) {
    }

    /**
     * Claims a deployment for {@code owner}: a PENDING one whose retry time has come, or a RUNNING one whose driver's
     * lease lapsed (its instance was killed mid-deploy). Answers null when there is nothing to do now: claimed by a
     * live instance, finished, or its gateway not RUNNING yet.
     */
    @WithTransaction
    public Uni<DeployWork> begin(UUID deploymentId, String owner) {
        Instant now = now();
        return deployments.findById(deploymentId).chain(deployment -> {
            if (deployment == null || !deployment.claimable(owner, now)) {
                return Uni.createFrom().nullItem();
            }
            return gateways.findById(deployment.gatewayId).map(gateway -> {
                if (gateway.state != GatewayState.RUNNING) {
                    return null; // waits until the gateway is provisioned (or resumed)
                }
                deployment.begin(owner, gateway.deployedCommit, now.plus(Lease.DURATION), now);
                return new DeployWork(deployment.id, gateway.id, deployment.commit, deployment.previousCommit,
                        read(deployment.files));
            });
        });
    }

    /**
     * The host could not be reached: the deployment goes back to PENDING (nothing was changed on the host, or the
     * saved workspace is kept for the next attempt) and is retried after {@code retryAfter}.
     */
    @WithTransaction
    public Uni<Deployment> interrupted(UUID deploymentId, String reason, java.time.Duration retryAfter) {
        Instant now = now();
        return deployments.findById(deploymentId)
                .invoke(deployment -> deployment.interrupted(Redactor.of().redact(reason), now.plus(retryAfter)));
    }

    /** Extends the leases of the deployments {@code owner} is driving. */
    @WithTransaction
    public Uni<Integer> renewLeases(List<UUID> ids, String owner) {
        return ids.isEmpty() ? Uni.createFrom().item(0)
                : deployments.renew(ids, owner, now().plus(Lease.DURATION));
    }

    @WithTransaction
    public Uni<Deployment> finished(UUID deploymentId, DeploymentStatus status, String output, String reason) {
        Instant now = now();
        return deployments.findById(deploymentId).chain(deployment -> {
            deployment.finished(status, Redactor.of().redact(output), Redactor.of().redact(reason), now);
            return gateways.findById(deployment.gatewayId).chain(gateway -> switch (status) {
                case DEPLOYED -> {
                    gateway.deployed(deployment.commit, deployment.tag, now);
                    // the released gold set runs next (ADR 0037), queued in this transaction so it is never lost
                    yield outbox.append(new AgentDeployed(gateway.engagementId, gateway.clientId, gateway.id,
                            deployment.commit, deployment.tag, deployment.approvedBy, now))
                            .chain(() -> goldSets.afterDeployment(deployment, gateway, now)).replaceWith(deployment);
                }
                case ROLLED_BACK, FAILED -> outbox.append(new IncidentOpened(gateway.engagementId, gateway.clientId,
                        "deploy-" + status.name().toLowerCase().replace('_', '-'), Priority.P2,
                        "Deploying " + deployment.commit + " to gateway " + gateway.profile + " "
                                + (status == DeploymentStatus.ROLLED_BACK ? "was rolled back to "
                                        + (deployment.previousCommit == null ? "the onboarded workspace"
                                                : deployment.previousCommit)
                                        : "failed"),
                        deployment.reason, now)).replaceWith(deployment);
                default -> Uni.createFrom().item(deployment);
            });
        });
    }

    @WithSession
    public Uni<List<UUID>> waiting() {
        return deployments.waiting(now()).map(list -> list.stream().map(d -> d.id).toList());
    }

    @WithSession
    public Uni<List<Deployment>> ofGateway(UUID gatewayId) {
        return deployments.ofGateway(gatewayId);
    }

    private String write(List<AgentFile> files) {
        try {
            return json.writeValueAsString(files);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private List<AgentFile> read(String files) {
        try {
            return json.readValue(files, new TypeReference<List<AgentFile>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
