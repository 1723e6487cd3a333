package io.lobsterops.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.api.ProblemType;
import io.lobsterops.kit.persistence.Where;
import io.lobsterops.notification.api.MaintenanceWindowRequest;
import io.lobsterops.notification.config.NotificationConfig;
import io.lobsterops.notification.domain.EngagementMessages;
import io.lobsterops.notification.domain.MaintenanceWindow;
import io.lobsterops.notification.domain.Silence;
import io.lobsterops.notification.persistence.MaintenanceWindowRepository;
import io.lobsterops.notification.persistence.RoutingQueries;
import io.lobsterops.notification.persistence.SilenceRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * Planned maintenance of an engagement's agent (ADR 0019): announcing one tells the client's destinations when, in
 * the client's words, and holds the client's other messages in the cockpit for the window (a silence); cancelling
 * it ends the silence and tells the client. The announcement is routed before its silence exists, and the
 * cancellation after the silence ended, so neither is held by it.
 */
@ApplicationScoped
public class MaintenanceService {

    /** Tolerance for a start "now" that took a moment to reach us. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final MaintenanceWindowRepository windows;
    private final SilenceRepository silences;
    private final RoutingQueries routing;
    private final NotificationService notifications;
    private final NotificationConfig config;

    public MaintenanceService(MaintenanceWindowRepository windows, SilenceRepository silences, RoutingQueries routing,
            NotificationService notifications, NotificationConfig config) {
        this.windows = windows;
        this.silences = silences;
        this.routing = routing;
        this.notifications = notifications;
        this.config = config;
    }

    @WithTransaction
    public Uni<MaintenanceWindow> plan(UUID engagementId, MaintenanceWindowRequest request, String by) {
        Instant now = InboxService.now();
        validate(request, now);
        return routing.clientOf(engagementId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Engagement", engagementId))
                .chain(clientId -> {
                    MaintenanceWindow window = MaintenanceWindow.planned(engagementId, clientId, request.startsAt(),
                            request.endsAt(), request.reason().strip(), by, now);
                    Silence silence = Silence.during(window);
                    return notifications.post(EngagementMessages.maintenancePlanned(engagementId, clientId,
                                    window.startsAt, window.endsAt, window.reason, by).notices(),
                                    "maintenance:" + window.id + ":planned", EngagementMessages.MAINTENANCE_PLANNED)
                            .chain(() -> silences.persistAndFlush(silence))
                            .chain(() -> windows.persistAndFlush(window));
                });
    }

    @WithSession
    public Uni<PageView<MaintenanceWindow>> list(UUID engagementId, int page, int size) {
        Sort newestFirst = Sort.descending("startsAt").and("id", Sort.Direction.Descending);
        return windows.page(Where.of("engagementId = :engagement", "engagement", engagementId), newestFirst, page,
                size);
    }

    @WithSession
    public Uni<MaintenanceWindow> find(UUID engagementId, UUID id) {
        return windows.find("id = :id and engagementId = :engagement",
                        Parameters.with("id", id).and("engagement", engagementId)).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Maintenance window", id));
    }

    /**
     * Cancels a maintenance not yet over: its silence ends now and the client is told (a maintenance that was running
     * is "over", one still to come "cancelled"). Cancelling it again changes nothing and tells nobody; one that is
     * over answers 409.
     */
    @WithTransaction
    public Uni<MaintenanceWindow> cancel(UUID engagementId, UUID id, String by) {
        Instant now = InboxService.now();
        return windows.find("id = :id and engagementId = :engagement",
                        Parameters.with("id", id).and("engagement", engagementId)).<MaintenanceWindow> firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Maintenance window", id))
                .chain(window -> {
                    if (window.isCancelled()) {
                        return Uni.createFrom().item(window);
                    }
                    boolean started = window.hasStarted(now);
                    window.cancelled(by, now);
                    return silences.findById(window.silenceId)
                            .invoke(silence -> silence.ended(now))
                            .chain(silences::flush)
                            .chain(() -> notifications.post(EngagementMessages.maintenanceCancelled(engagementId,
                                            window.clientId, window.startsAt, started, by).notices(),
                                    "maintenance:" + window.id + ":cancelled",
                                    EngagementMessages.MAINTENANCE_CANCELLED))
                            .chain(windows::flush)
                            .replaceWith(window);
                });
    }

    private void validate(MaintenanceWindowRequest request, Instant now) {
        if (!request.endsAt().isAfter(request.startsAt())) {
            throw invalid("endsAt: must be after startsAt");
        }
        if (request.startsAt().isBefore(now.minus(CLOCK_SKEW))) {
            throw invalid("startsAt: must not be in the past");
        }
        Duration length = Duration.between(request.startsAt(), request.endsAt());
        if (length.compareTo(config.maintenance().maxLength()) > 0) {
            throw invalid("endsAt: a maintenance window lasts at most " + config.maintenance().maxLength().toDays()
                    + " days");
        }
        if (request.startsAt().isAfter(now.plus(config.maintenance().maxAhead()))) {
            throw invalid("startsAt: at most " + config.maintenance().maxAhead().toDays() + " days ahead");
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.VALIDATION, detail);
    }
}
