package io.lobsterops.provisioning.engagement.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.EngagementEvent;
import io.lobsterops.events.HostEvent;
import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.lobsterops.provisioning.engagement.domain.Engagement;
import io.lobsterops.provisioning.engagement.domain.EventSummary;
import io.lobsterops.provisioning.engagement.domain.LaunchChecklist;
import io.lobsterops.provisioning.engagement.domain.TimelineEvent;
import io.lobsterops.provisioning.engagement.persistence.EngagementRepository;
import io.lobsterops.provisioning.engagement.persistence.TimelineEventRepository;
import io.lobsterops.provisioning.fleet.gateway.GatewayService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The engagement's timeline and launch checklist, both from the events provisioning consumed (ADR 0029): nothing is
 * asked of another service, nothing is ticked by hand.
 */
@ApplicationScoped
public class TimelineService {

    private final TimelineEventRepository timeline;
    private final EngagementRepository engagements;
    private final GatewayService gateways;

    public TimelineService(TimelineEventRepository timeline, EngagementRepository engagements,
            GatewayService gateways) {
        this.timeline = timeline;
        this.engagements = engagements;
        this.gateways = gateways;
    }

    /**
     * Keeps {@code event} when it is about one of our engagements or about a host (a host carries gateways); events
     * about engagements this service does not know are not ours to keep. Runs in the consumer's transaction.
     */
    public Uni<Void> record(ReceivedEvent event) {
        EngagementEvent payload = event.payload();
        EventSummary summary = EventSummary.of(payload);
        if (payload.engagementId() == null) {
            if (!(payload instanceof HostEvent) && summary.hostId() == null) {
                return Uni.createFrom().voidItem();
            }
            return timeline.persist(TimelineEvent.of(event.id(), null, event.type(), event.source(),
                    event.time().toInstant(), summary)).replaceWithVoid();
        }
        return engagements.findById(payload.engagementId()).chain(engagement -> engagement == null
                ? Uni.createFrom().voidItem()
                : timeline.persist(TimelineEvent.of(event.id(), engagement.id, event.type(), event.source(),
                        event.time().toInstant(), summary)).replaceWithVoid());
    }

    @WithSession
    public Uni<PageView<TimelineEvent>> timeline(UUID id, Optional<String> clientScope, int page, int size) {
        boolean client = clientScope.isPresent();
        return visible(id, clientScope).chain(engagement -> hostOf(engagement)
                .chain(host -> timeline.page(engagement.id, host, client, page, size)));
    }

    @WithSession
    public Uni<List<LaunchChecklist.Item>> checklist(UUID id, Optional<String> clientScope) {
        return visible(id, clientScope).chain(engagement -> gateways.ofEngagement(engagement.id)
                .chain(gateway -> timeline.all(engagement.id, gateway == null ? null : gateway.hostId)
                        .map(events -> LaunchChecklist.of(engagement, gateway, events))));
    }

    private Uni<Engagement> visible(UUID id, Optional<String> clientScope) {
        return engagements.requireVisible(id, clientScope, "Engagement");
    }

    private Uni<UUID> hostOf(Engagement engagement) {
        return gateways.ofEngagement(engagement.id).map(gateway -> gateway == null ? null : gateway.hostId);
    }

}
