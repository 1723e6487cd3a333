package io.lobsterops.provisioning.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.AgentPauseRequested;
import io.lobsterops.events.ConfigApproved;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.PaymentReceived;
import io.lobsterops.kit.messaging.EventConsumer;
import io.lobsterops.kit.messaging.EventRoutes;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.lobsterops.provisioning.engagement.domain.EventSummary;
import io.lobsterops.provisioning.engagement.domain.StageFacts;
import io.lobsterops.provisioning.engagement.service.EngagementService;
import io.lobsterops.provisioning.engagement.service.TimelineService;
import io.lobsterops.provisioning.fleet.deployment.DeploymentService;
import io.lobsterops.provisioning.fleet.gateway.GatewayService;
import io.smallrye.mutiny.Uni;

/**
 * What provisioning-service acts on, from other services and its own: deposit payments, approved configurations, the
 * facts that end a stage ({@link StageFacts}), a rule's request to pause an agent through the kill switch; and every
 * event of the contract about one of its engagements (or a host) is kept for the timeline and the launch checklist.
 */
@ApplicationScoped
public class EngagementEventsConsumer implements EventConsumer {

    private final EventRoutes routes;

    public EngagementEventsConsumer(EngagementService engagements, DeploymentService deployments,
            GatewayService gateways, TimelineService timeline) {
        this.routes = EventRoutes.builder()
                .on(PaymentReceived.class, engagements::paymentReceived)
                .on(ConfigApproved.class, deployments::approved)
                .on(AgentPauseRequested.class, gateways::pauseRequested)
                .onEvery(event -> StageFacts.of(event.payload())   // every event of the contract: after its own route
                        .map(move -> engagements.factEndsStage(event.payload().engagementId(), move.from(),
                                move.to(), reason(event), event.source(), event.time().toInstant()))
                        .orElseGet(() -> Uni.createFrom().voidItem())
                        .chain(() -> timeline.record(event)))
                .build();
    }

    @Override
    public EventRoutes routes() {
        return routes;
    }

    /** The fact in a line a client may read too (the history is the client's as well): its type, what, who. */
    static String reason(ReceivedEvent event) {
        EventSummary summary = EventSummary.of(event.payload());
        String line = summary.client() != null ? summary.client() : summary.staff();
        return event.type().substring(EventTypes.PREFIX.length()) + ": " + line
                + (summary.actor() == null || line.contains(summary.actor()) ? "" : " (" + summary.actor() + ")");
    }
}
