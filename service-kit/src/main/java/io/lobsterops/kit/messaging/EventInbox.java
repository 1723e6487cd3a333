package io.lobsterops.kit.messaging;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.events.CloudEventHeaders;
import io.lobsterops.events.EngagementEvent;
import io.lobsterops.events.EventCatalog;
import io.lobsterops.kit.config.MessagingConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The idempotent consumer, written once. For each record: read the CloudEvent (binary mode headers), skip types the
 * service does not handle, then in one transaction record the event id in {@code processed_event} and apply the
 * effect, skipping an id already recorded. A failing effect is retried with backoff; an event that still fails, or
 * can never be read, is nacked with its reason, and the channel's {@code dead-letter-queue} failure strategy puts it
 * on the dead-letter topic while the consumer goes on with the next record.
 * <p>
 * The records of one poll are taken together ({@link #processBatch}): every event id of the batch is recorded with one
 * statement and the fresh events' effects are applied in record order — the events of a batch route together, in
 * one call, where that reorders no engagement's events ({@link EventRoutes#plan}) — in one transaction. Should that transaction fail, the batch
 * is processed again one record at a time, so a poison or failing event is isolated, retried and dead-lettered
 * alone while the others take effect.
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);
    private static final String RECORD = """
            insert into processed_event (event_id, consumer, type) values (?1, ?2, ?3)
            on conflict do nothing""";

    private final ObjectMapper json;
    private final MessagingConfig config;
    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final Counter batchFallbacks;

    public EventInbox(ObjectMapper json, MessagingConfig config, MeterRegistry registry) {
        this.json = json;
        this.config = config;
        this.registry = registry;
        this.batchSize = registry.summary("lobsterops_event_batch_size");
        this.batchFallbacks = registry.counter("lobsterops_event_batch_fallbacks_total");
    }

    public Uni<Void> process(Message<String> message, EventRoutes routes) {
        ReceivedEvent event;
        try {
            Optional<ReceivedEvent> read = read(message, routes);
            if (read.isEmpty()) {
                return Uni.createFrom().completionStage(message.ack());
            }
            event = read.get();
        } catch (PoisonEventException e) {
            return deadLetter(message, "unknown", 1, e);
        }
        int maxAttempts = Math.max(1, config.inbox().maxAttempts());
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> recordFirst(event)
                        .chain(first -> first ? routes.apply(event).replaceWith(Outcome.APPLIED)
                                : Uni.createFrom().item(Outcome.DUPLICATE))))
                .onFailure(e -> !(e instanceof PoisonEventException)).retry()
                .withBackOff(config.inbox().initialBackoff()).atMost(maxAttempts - 1L)
                .onItemOrFailure().transformToUni((outcome, failure) -> {
                    if (failure != null) {
                        int attempts = failure instanceof PoisonEventException ? 1 : maxAttempts;
                        return deadLetter(message, event.type(), attempts, failure);
                    }
                    counted(event, outcome);
                    return Uni.createFrom().completionStage(message.ack());
                });
    }

    /**
     * The records of one poll, in their order: one transaction records every event id and applies the new events'
     * effects one after the other, a batch route's events in one call (duplicates, of an earlier poll or within
     * this one, never reach a route). After each effect the session is flushed and cleared: the next effect sees it in
     * the database and starts, as it would alone, from an empty persistence context (a flush walks every managed
     * entity, so a context growing over the batch would make it quadratic). Should the transaction fail, each
     * record goes through {@link #process} on its own. Records of types the service does not handle are
     * acknowledged, unreadable ones dead-lettered, without touching the transaction.
     */
    public Uni<Void> processBatch(List<? extends Message<String>> records, EventRoutes routes) {
        // every transaction starts on the batch's own (safe, duplicated) Vert.x context, where Hibernate Reactive
        // Panache may open a session: an acknowledgement completes on the Kafka client's thread, not there
        Context context = Vertx.currentContext();
        Executor onBatchContext = context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
        List<Read> events = new ArrayList<>(records.size());
        List<Uni<Void>> settled = new ArrayList<>();
        for (Message<String> record : records) {
            try {
                read(record, routes).ifPresentOrElse(event -> events.add(new Read(record, event)),
                        () -> settled.add(Uni.createFrom().completionStage(record.ack())));
            } catch (PoisonEventException e) {
                settled.add(deadLetter(record, "unknown", 1, e));
            }
        }
        Uni<Void> others = settled.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(settled).andCollectFailures().replaceWithVoid();
        batchSize.record(events.size());
        if (events.size() <= 1) {
            return others.chain(() -> events.isEmpty() ? Uni.createFrom().voidItem()
                    : process(events.getFirst().record(), routes).runSubscriptionOn(onBatchContext));
        }
        return others.chain(() -> Uni.createFrom().deferred(() -> Panache.withTransaction(
                        () -> applyTogether(events, routes)))
                .runSubscriptionOn(onBatchContext)
                .onItemOrFailure().transformToUni((outcomes, failure) -> {
                    if (failure != null) {
                        batchFallbacks.increment();
                        LOG.debugf("a batch of %d events failed together (%s): one at a time now", events.size(),
                                failure.getMessage());
                        return Multi.createFrom().iterable(events)
                                .onItem().transformToUniAndConcatenate(
                                        read -> process(read.record(), routes).runSubscriptionOn(onBatchContext))
                                .collect().last().replaceWithVoid();
                    }
                    for (int i = 0; i < events.size(); i++) {
                        counted(events.get(i).event(), outcomes.get(i));
                    }
                    return Uni.join().all(events.stream()
                            .map(read -> Uni.createFrom().completionStage(read.record().ack())).toList())
                            .andCollectFailures().replaceWithVoid();
                }));
    }

    private Uni<List<Outcome>> applyTogether(List<Read> events, EventRoutes routes) {
        return recordAll(events).chain(fresh -> {
            List<Outcome> outcomes = new ArrayList<>(events.size());
            List<ReceivedEvent> applied = new ArrayList<>(fresh.size());
            for (Read read : events) {
                if (fresh.remove(read.event().id())) {   // else recorded before, or a second copy in this batch
                    outcomes.add(Outcome.APPLIED);
                    applied.add(read.event());
                } else {
                    outcomes.add(Outcome.DUPLICATE);
                }
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (List<ReceivedEvent> group : routes.plan(applied)) {
                chain = chain.chain(() -> routes.apply(group))
                        .chain(() -> Panache.getSession().chain(session -> session.flush().invoke(session::clear)))
                        .replaceWithVoid();
            }
            return chain.replaceWith(outcomes);
        });
    }

    /** Records every event id of the batch in one statement; answers the ids that were not recorded before. */
    private Uni<Set<String>> recordAll(List<Read> events) {
        StringBuilder sql = new StringBuilder("insert into processed_event (event_id, consumer, type) values ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?").append(2 * i + 2).append(", ?1, ?").append(2 * i + 3)
                    .append(')');
        }
        sql.append(" on conflict do nothing returning event_id");
        return Panache.getSession().chain(session -> {
            var insert = session.createNativeQuery(sql.toString(), String.class)
                    .setParameter(1, config.consumerName());
            for (int i = 0; i < events.size(); i++) {
                insert.setParameter(2 * i + 2, events.get(i).event().id())
                        .setParameter(2 * i + 3, events.get(i).event().type());
            }
            return insert.getResultList();
        }).map(HashSet::new);
    }

    private void counted(ReceivedEvent event, Outcome outcome) {
        registry.counter("lobsterops_events_consumed_total", "type", event.type(),
                "outcome", outcome.name().toLowerCase()).increment();
    }

    private Uni<Boolean> recordFirst(ReceivedEvent event) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RECORD)
                .setParameter(1, event.id())
                .setParameter(2, config.consumerName())
                .setParameter(3, event.type())
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    private Uni<Void> deadLetter(Message<String> message, String type, int attempts, Throwable failure) {
        registry.counter("lobsterops_dead_letters_total", "type", type).increment();
        String reason = config.consumerName() + " gave up after " + attempts + " attempt(s): " + failure.getMessage();
        LOG.warnf("event to the dead-letter topic: %s", reason);
        return Uni.createFrom().completionStage(message.nack(new DeadLetterException(reason, failure)));
    }

    private Optional<ReceivedEvent> read(Message<String> message, EventRoutes routes) {
        Headers headers = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getHeaders)
                .orElseThrow(() -> new PoisonEventException("not a Kafka record"));
        String type = required(headers, CloudEventHeaders.TYPE);
        if (!routes.handles(type)) {
            return Optional.empty();
        }
        String specVersion = required(headers, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_VALUE.equals(specVersion)) {
            throw new PoisonEventException("unsupported CloudEvents spec version " + specVersion);
        }
        String id = required(headers, CloudEventHeaders.ID);
        UUID subject;
        OffsetDateTime time;
        try {
            subject = UUID.fromString(required(headers, CloudEventHeaders.SUBJECT));
            time = OffsetDateTime.parse(required(headers, CloudEventHeaders.TIME));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new PoisonEventException("event " + id + " has a malformed subject or time: " + e.getMessage());
        }
        Class<? extends EngagementEvent> payloadType = EventCatalog.payloadOf(type)
                .orElseThrow(() -> new PoisonEventException("event " + id + " has type " + type
                        + ", which the contract does not describe"));
        EngagementEvent payload;
        try {
            payload = json.readValue(message.getPayload(), payloadType);
        } catch (Exception e) {
            throw new PoisonEventException("event " + id + " (" + type + ") has an unreadable payload: "
                    + firstLine(e.getMessage()), e);
        }
        if (payload == null || payload.subject() == null || !payload.subject().equals(subject)) {
            throw new PoisonEventException("event " + id + " (" + type + ") names "
                    + (payload instanceof io.lobsterops.events.HostEvent ? "host "
                            : payload instanceof io.lobsterops.events.ClientEvent ? "client key " : "engagement ")
                    + (payload == null ? null : payload.subject()) + " but its subject is " + subject);
        }
        return Optional.of(new ReceivedEvent(id, type, required(headers, CloudEventHeaders.SOURCE), subject, time,
                payload));
    }

    private static String required(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null || header.value().length == 0) {
            throw new PoisonEventException("not a CloudEvent: header " + name + " is missing");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** A record of the batch and the event read from it. */
    private record Read(Message<String> record, ReceivedEvent event) {
    }

    private enum Outcome {
        APPLIED,
        DUPLICATE
    }

    /** The reason a record went to the dead-letter topic; its message becomes the {@code dead-letter-reason}. */
    public static class DeadLetterException extends RuntimeException {

        DeadLetterException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
