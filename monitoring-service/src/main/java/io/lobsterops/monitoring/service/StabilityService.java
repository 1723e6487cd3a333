package io.lobsterops.monitoring.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.events.AgentStable;
import io.lobsterops.kit.messaging.Outbox;
import io.lobsterops.monitoring.config.MonitoringConfig;
import io.lobsterops.monitoring.domain.MonitoredEngagement;
import io.lobsterops.monitoring.persistence.EscalationRepository;
import io.lobsterops.monitoring.persistence.MonitoredEngagementRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The stability window after go-live: when a LIVE engagement's window reaches its end and no P0/P1 escalation fired
 * during it, monitoring publishes agent.stable (once) and provisioning moves the engagement to STABLE. A P0/P1
 * during the window restarts it ({@link EscalationService#fire}).
 */
@ApplicationScoped
public class StabilityService {

    private static final Logger LOG = Logger.getLogger(StabilityService.class);

    private final MonitoredEngagementRepository engagements;
    private final EscalationRepository escalations;
    private final Outbox outbox;

    public StabilityService(MonitoredEngagementRepository engagements, EscalationRepository escalations,
            Outbox outbox) {
        this.engagements = engagements;
        this.escalations = escalations;
        this.outbox = outbox;
    }

    /** The window an engagement gets: the longer one in a sensitive sector. */
    public static Duration windowOf(MonitoredEngagement engagement, MonitoringConfig.StabilityWindow config) {
        return engagement.sensitive ? config.sensitiveDuration() : config.duration();
    }

    public static boolean sensitive(String sector, MonitoringConfig.StabilityWindow config) {
        return sector != null && config.sensitiveSectors().stream()
                .anyMatch(s -> s.strip().toLowerCase(Locale.ROOT).equals(sector.strip().toLowerCase(Locale.ROOT)));
    }

    @Scheduled(skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            every = "${lobsterops.monitoring.stability-window.check-every:30s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    Uni<Void> closeEndedWindows() {
        Instant now = EscalationService.now();
        return engagements.windowsEndedBy(now).chain(ended -> Multi.createFrom().iterable(ended)
                .onItem().transformToUniAndConcatenate(engagement -> close(engagement, now))
                .collect().last()).replaceWithVoid();
    }

    private Uni<Void> close(MonitoredEngagement engagement, Instant now) {
        Instant liveSince = engagement.stabilityWindowStart;
        return escalations.urgentSince(engagement.engagementId, liveSince).chain(urgent -> {
            if (urgent) {
                // a P0/P1 kept firing during the window (an open escalation refreshed): it was not clean
                engagement.restartStabilityWindow(now, Duration.between(liveSince, engagement.stabilityWindowEnd));
                return Uni.createFrom().voidItem();
            }
            if (!engagement.closeStabilityWindow(now)) {
                return Uni.createFrom().voidItem();
            }
            LOG.infof("engagement %s stable: window %s → %s clean", engagement.engagementId, liveSince, now);
            return outbox.append(new AgentStable(engagement.engagementId, engagement.clientId, liveSince, now))
                    .replaceWithVoid();
        });
    }
}
