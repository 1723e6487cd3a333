package io.lobsterops.notification.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.NotificationAcknowledged;
import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.messaging.Outbox;
import io.lobsterops.notification.domain.InboxMessage;
import io.lobsterops.notification.persistence.InboxMessageRepository;
import io.lobsterops.notification.persistence.InboxMessageRepository.Filter;
import io.lobsterops.notification.persistence.RoutingQueries;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The cockpit inbox: messages listed and acknowledged by staff, through the API or a Telegram button. */
@ApplicationScoped
public class InboxService {

    public static final String VIA_API = "api";
    public static final String VIA_TELEGRAM = "telegram";

    private final InboxMessageRepository messages;
    private final RoutingQueries routing;
    private final Outbox outbox;

    public InboxService(InboxMessageRepository messages, RoutingQueries routing, Outbox outbox) {
        this.messages = messages;
        this.routing = routing;
        this.outbox = outbox;
    }

    @WithSession
    public Uni<InboxMessage> find(UUID id, Optional<String> clientScope) {
        return messages.requireVisible(id, clientScope, "Inbox message");
    }

    @WithSession
    public Uni<PageView<InboxMessage>> page(Filter filter, int page, int size) {
        return messages.page(filter, page, size);
    }

    /**
     * Acknowledges a message: paging stops, pages not yet sent are cancelled, and {@code notification.acknowledged}
     * is published (with the escalation id when the message was an escalation's). Acknowledging it again changes
     * nothing and answers the message as it stands.
     */
    @WithTransaction
    public Uni<InboxMessage> acknowledge(UUID id, String by, String via) {
        return messages.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Inbox message", id))
                .chain(message -> {
                    if (!message.acknowledge(by, via, now())) {
                        return Uni.createFrom().item(message);
                    }
                    return acknowledged(message);
                });
    }

    /**
     * A press of the Acknowledge button: it counts only for a staff message, pressed in the chat of a staff
     * destination (a button forwarded to, or forged in, another chat acknowledges nothing). Answers the message, or
     * null when the press does not count.
     */
    @WithTransaction
    public Uni<InboxMessage> acknowledgeFromTelegram(UUID id, String chatId, String by) {
        return messages.findById(id).chain(message -> {
            if (message == null || message.audience != io.lobsterops.notification.domain.Audience.STAFF) {
                return Uni.createFrom().nullItem();
            }
            return routing.isStaffTelegramChat(chatId).chain(staff -> {
                if (!staff) {
                    return Uni.createFrom().<InboxMessage> nullItem();
                }
                if (!message.acknowledge(by, VIA_TELEGRAM, now())) {
                    return Uni.createFrom().item(message);
                }
                return acknowledged(message);
            });
        });
    }

    /**
     * Pages not yet sent are cancelled and {@code notification.acknowledged} is published — for a message about an
     * engagement: the event is keyed by its engagement, and a host-level incident has none (nobody waits for it).
     */
    private Uni<InboxMessage> acknowledged(InboxMessage message) {
        Uni<Void> cancelled = routing.cancelPages(message.id).replaceWithVoid();
        if (message.engagementId == null) {
            return cancelled.replaceWith(message);
        }
        return cancelled.chain(() -> outbox.append(new NotificationAcknowledged(message.engagementId,
                message.clientId, message.id, message.escalationId, message.sourceEventType, message.acknowledgedBy,
                message.acknowledgedVia, message.acknowledgedAt))).replaceWith(message);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
