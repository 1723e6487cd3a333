package io.lobsterops.monitoring.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.Stage;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.monitoring.config.MonitoringConfig;
import io.lobsterops.monitoring.domain.MonitoredEngagement;
import io.lobsterops.monitoring.persistence.MonitoredEngagementRepository;
import io.lobsterops.kit.persistence.Found;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Registers engagements for monitoring on {@code engagement.opened} and follows their stage. The event methods run
 * inside the inbox's transaction (see {@code EngagementEventsConsumer}), which also records the event id.
 */
@ApplicationScoped
public class MonitoringService {

    private final MonitoredEngagementRepository engagements;
    private final MonitoringConfig.StabilityWindow window;

    public MonitoringService(MonitoredEngagementRepository engagements, MonitoringConfig config) {
        this.engagements = engagements;
        this.window = config.stabilityWindow();
    }

    public Uni<Void> register(EngagementOpened opened) {
        return engagements.findById(opened.engagementId())
                .chain(existing -> existing != null ? Uni.createFrom().voidItem()
                        : engagements.persist(MonitoredEngagement.register(opened.engagementId(), opened.clientId(),
                                opened.clientName(), opened.stage(), opened.openedAt(), window.minimum(),
                                window.maximum())).replaceWithVoid());
    }

    public Uni<Void> follow(EngagementStageChanged changed) {
        return engagements.findById(changed.engagementId())
                .onItem().ifNull().failWith(() -> new IllegalStateException("no monitored engagement "
                        + changed.engagementId() + " (its engagement.opened was not processed)"))
                .invoke(engagement -> engagement.follow(changed.to(), changed.changedAt(), window.minimum(),
                        window.maximum()))
                .replaceWithVoid();
    }

    @WithSession
    public Uni<MonitoredEngagement> find(UUID engagementId, Optional<String> clientScope) {
        return engagements.findVisible(engagementId, clientScope)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Monitoring of engagement", engagementId));
    }

    @WithSession
    public Uni<Found<MonitoredEngagement>> page(Optional<String> clientScope, Optional<Stage> stage, int page, int size) {
        return engagements.page(clientScope, stage, page, size)
                .chain(items -> engagements.countVisible(clientScope, stage).map(total -> new Found<>(items, total)));
    }
}
