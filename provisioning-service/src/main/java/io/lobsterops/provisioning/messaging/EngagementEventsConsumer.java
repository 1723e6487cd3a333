package io.lobsterops.provisioning.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.AgentPauseRequested;
import io.lobsterops.events.AgentStable;
import io.lobsterops.events.ConfigApproved;
import io.lobsterops.events.ContractSigned;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.PaymentReceived;
import io.lobsterops.events.Stage;
import io.lobsterops.kit.messaging.EventHandler;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.lobsterops.provisioning.service.DeploymentService;
import io.lobsterops.provisioning.service.EngagementService;
import io.lobsterops.provisioning.service.GatewayService;
import io.smallrye.mutiny.Uni;

/**
 * What provisioning-service acts on from other services: deposit payments, approved configurations, the facts that
 * end a stage (a signed contract, a stable agent) and a rule's request to pause an agent through the kill switch.
 */
@ApplicationScoped
public class EngagementEventsConsumer implements EventHandler {

    private final EngagementService engagements;
    private final DeploymentService deployments;
    private final GatewayService gateways;

    public EngagementEventsConsumer(EngagementService engagements, DeploymentService deployments,
            GatewayService gateways) {
        this.engagements = engagements;
        this.deployments = deployments;
        this.gateways = gateways;
    }

    @Override
    public boolean handles(String type) {
        return EventTypes.PAYMENT_RECEIVED.equals(type) || EventTypes.CONFIG_APPROVED.equals(type)
                || EventTypes.CONTRACT_SIGNED.equals(type) || EventTypes.AGENT_STABLE.equals(type)
                || EventTypes.AGENT_PAUSE_REQUESTED.equals(type);
    }

    @Override
    public Uni<Void> handle(ReceivedEvent event) {
        return switch (event.payload()) {
            case PaymentReceived payment -> engagements.paymentReceived(payment);
            case ConfigApproved approved -> deployments.approved(event, approved);
            case ContractSigned signed -> engagements.factEndsStage(signed.engagementId(), Stage.PROPOSAL,
                    Stage.SIGNED, "contract v" + signed.version() + " signed by " + signed.signedBy(),
                    event.source(), signed.signedAt());
            case AgentStable stable -> engagements.factEndsStage(stable.engagementId(), Stage.LIVE, Stage.STABLE,
                    "stability window clean since " + stable.liveSince(), event.source(), stable.stableAt());
            case AgentPauseRequested pause -> gateways.pauseRequested(pause);
            default -> Uni.createFrom().voidItem();
        };
    }
}
