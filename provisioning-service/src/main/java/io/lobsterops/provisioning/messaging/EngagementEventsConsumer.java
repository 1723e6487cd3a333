package io.lobsterops.provisioning.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.lobsterops.events.ConfigApproved;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.PaymentReceived;
import io.lobsterops.kit.messaging.Channels;
import io.lobsterops.kit.messaging.EventHandler;
import io.lobsterops.kit.messaging.EventInbox;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.lobsterops.provisioning.service.DeploymentService;
import io.lobsterops.provisioning.service.EngagementService;
import io.smallrye.mutiny.Uni;

/** What provisioning-service acts on from other services: deposit payments and approved configurations. */
@ApplicationScoped
public class EngagementEventsConsumer implements EventHandler {

    private final EventInbox inbox;
    private final EngagementService engagements;
    private final DeploymentService deployments;

    public EngagementEventsConsumer(EventInbox inbox, EngagementService engagements, DeploymentService deployments) {
        this.inbox = inbox;
        this.engagements = engagements;
        this.deployments = deployments;
    }

    @Incoming(Channels.ENGAGEMENT_EVENTS_IN)
    public Uni<Void> consume(Message<String> message) {
        return inbox.process(message, this);
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
