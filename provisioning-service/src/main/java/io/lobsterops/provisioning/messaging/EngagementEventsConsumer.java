package io.lobsterops.provisioning.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.ConfigApproved;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.PaymentReceived;
import io.lobsterops.kit.messaging.EventHandler;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.lobsterops.provisioning.service.DeploymentService;
import io.lobsterops.provisioning.service.EngagementService;
import io.smallrye.mutiny.Uni;

/** What provisioning-service acts on from other services: deposit payments and approved configurations. */
@ApplicationScoped
public class EngagementEventsConsumer implements EventHandler {

    private final EngagementService engagements;
    private final DeploymentService deployments;

    public EngagementEventsConsumer(EngagementService engagements, DeploymentService deployments) {
        this.engagements = engagements;
        this.deployments = deployments;
    }

    @Override
    public boolean handles(String type) {
        return EventTypes.PAYMENT_RECEIVED.equals(type) || EventTypes.CONFIG_APPROVED.equals(type);
    }

    @Override
    public Uni<Void> handle(ReceivedEvent event) {
        return switch (event.payload()) {
            case PaymentReceived payment -> engagements.paymentReceived(payment);
            case ConfigApproved approved -> deployments.approved(event, approved);
            default -> Uni.createFrom().voidItem();
        };
    }
}
