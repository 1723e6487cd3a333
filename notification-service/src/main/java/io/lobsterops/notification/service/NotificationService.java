package io.lobsterops.notification.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.lobsterops.events.AgentTerminated;
import io.lobsterops.events.GatewayHealthChanged;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.lobsterops.notification.config.NotificationConfig;
import io.lobsterops.notification.domain.Audience;
import io.lobsterops.notification.domain.EngagementMessages;
import io.lobsterops.notification.domain.EngagementMessages.Outcome;
import io.lobsterops.notification.domain.InboxMessage;
import io.lobsterops.notification.domain.Notice;
import io.lobsterops.notification.persistence.EngagementTerminations;
import io.lobsterops.notification.persistence.InboxMessageRepository;
import io.lobsterops.notification.persistence.RoutingQueries;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * What an event does here, inside the transaction that records its id (see {@code EngagementEventsConsumer}): its
 * messages ({@link EngagementMessages}) go to the cockpit inbox — or update their open group — and one delivery per
 * destination the routing rules reach is queued; the worker sends them after the commit.
 */
@ApplicationScoped
public class NotificationService {

    private static final Logger LOG = Logger.getLogger(NotificationService.class);
    public static final String ISOLATION_METRIC = "lobsterops_notification_isolation_refused_total";

    private final InboxMessageRepository messages;
    private final RoutingQueries routing;
    private final NotificationConfig config;
    private final Counter isolationRefused;
    private final EngagementTerminations terminations;

    public NotificationService(InboxMessageRepository messages, RoutingQueries routing, NotificationConfig config,
            MeterRegistry registry, EngagementTerminations terminations) {
        this.terminations = terminations;
        this.messages = messages;
        this.routing = routing;
        this.config = config;
        this.isolationRefused = Counter.builder(ISOLATION_METRIC)
                .description("Messages or rules refused because they would reach another client's destination")
                .register(registry);
    }

    public Uni<Void> handle(ReceivedEvent event) {
        if (event.payload() instanceof AgentTerminated terminated) {   // once per engagement, then closes it (ADR 0047)
            Instant at = now();
            return terminations.record(event.id(), terminated, at).chain(first -> !first
                    ? Uni.createFrom().voidItem()
                    : notify(event).chain(() -> terminations.closeOut(event.id(), terminated, at))
                            .invoke(closed -> LOG.infof("engagement %s terminated: %d message(s) closed, %d send(s) "
                                    + "cancelled", terminated.engagementId(), closed.messages(), closed.cancelled()))
                            .replaceWithVoid());
        }
        return notify(event);
    }

    private Uni<Void> notify(ReceivedEvent event) {
        Outcome outcome = EngagementMessages.of(event.payload());
        Instant now = now();
        Uni<Void> chain = Uni.createFrom().voidItem();
        if (event.payload() instanceof GatewayHealthChanged health) {
            chain = chain.chain(() -> routing.recordHealth(health.gatewayId(), health.engagementId(),
                    health.clientId(), health.to().name(), health.changedAt() == null ? now : health.changedAt()))
                    .replaceWithVoid();
        }
        for (String key : outcome.closes()) {
            chain = chain.chain(() -> routing.closeGroup(event.payload().engagementId(), key)).replaceWithVoid();
        }
        if (outcome.notices().isEmpty()) {
            return chain;
        }
        if (event.payload().engagementId() == null) {   // about a host as a whole: staff messages only, no owner
            Uni<Void> posts = chain;
            for (Notice notice : outcome.notices()) {
                posts = posts.chain(() -> post(notice, event.id(), event.type(), now));
            }
            return posts;
        }
        String claimed = outcome.notices().getFirst().clientId();
        return chain.chain(() -> routing.ownerOf(event.payload().engagementId(), claimed))
                .chain(owner -> {
                    Uni<Void> posts = Uni.createFrom().voidItem();
                    for (Notice notice : outcome.notices()) {
                        if (notice.audience() == Audience.CLIENT && !owner.equals(notice.clientId())) {
                            refused("event %s (%s) names client %s for engagement %s, which belongs to another "
                                    + "client: its client message is not sent", event.id(), event.type(),
                                    notice.clientId(), notice.engagementId());
                            continue;
                        }
                        posts = posts.chain(() -> post(notice, event.id(), event.type(), now));
                    }
                    return posts;
                });
    }

    /**
     * One message of something that happened here rather than an event (a planned maintenance): the cockpit, the
     * routing and the deliveries as for an event's, in the caller's transaction. {@code sourceId} is unique per
     * message audience, like an event id.
     */
    public Uni<Void> post(List<Notice> notices, String sourceId, String sourceType) {
        Instant now = now();
        Uni<Void> posts = Uni.createFrom().voidItem();
        for (Notice notice : notices) {
            posts = posts.chain(() -> post(notice, sourceId, sourceType, now));
        }
        return posts;
    }

    private Uni<Void> post(Notice notice, String sourceId, String sourceType, Instant now) {
        if (notice.groupKey() == null) {
            return create(notice, sourceId, sourceType, now);
        }
        Instant quietSince = now.minus(config.grouping().quietWindow());
        Uni<InboxMessage> openGroup = notice.engagementId() == null
                ? messages.find("engagementId is null and audience = ?1 and groupKey = ?2 and groupOpen = true",
                        notice.audience(), notice.groupKey()).firstResult()
                : messages.find("engagementId = ?1 and audience = ?2 and groupKey = ?3 and groupOpen = true",
                        notice.engagementId(), notice.audience(), notice.groupKey()).firstResult();
        return openGroup
                .chain(open -> {
                    if (open == null) {
                        return create(notice, sourceId, sourceType, now);
                    }
                    if (open.updatedAt.isBefore(quietSince)) {   // quiet for too long: the group is over
                        open.groupClosed();
                        return messages.flush().chain(() -> create(notice, sourceId, sourceType, now));
                    }
                    open.update(notice, now);
                    return messages.flush().chain(() -> routing.enqueueEdits(open, now)).replaceWithVoid();
                });
    }

    /** A new message in the inbox, routed in the same transaction: its deliveries, paging, a silence holding it. */
    private Uni<Void> create(Notice notice, String sourceId, String sourceType, Instant now) {
        InboxMessage message = InboxMessage.post(notice, sourceId, sourceType, now);
        return messages.persistAndFlush(message)
                .chain(() -> routing.route(message, now))
                .invoke(routed -> {
                    routed.misaddressedRules().forEach(rule -> refused("rule %s names a destination that %s message "
                            + "%s of client %s may not reach: nothing is sent to it", rule, message.audience,
                            message.id, message.clientId));
                    message.routed(routed.silenced(), routed.pages(), now, config.paging().interval());
                })
                .replaceWithVoid();
    }

    private void refused(String format, Object... args) {
        isolationRefused.increment();
        LOG.errorf("isolation: " + format, args);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
