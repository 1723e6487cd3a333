package io.lobsterops.kit.messaging;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
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
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * The idempotent consumer, written once. For each record: read the CloudEvent (binary mode headers), skip types the
 * service does not handle, then in one transaction record the event id in {@code processed_event} and apply the
 * effect, skipping an id already recorded. A failing effect is retried with backoff; an event that still fails, or
 * can never be read, is nacked with its reason, and the channel's {@code dead-letter-queue} failure strategy puts it
 * on the dead-letter topic while the consumer goes on with the next record.
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

    public EventInbox(ObjectMapper json, MessagingConfig config, MeterRegistry registry) {
        this.json = json;
        this.config = config;
        this.registry = registry;
    }

    public Uni<Void> process(Message<String> message, EventHandler handler) {
        ReceivedEvent event;
        try {
            Optional<ReceivedEvent> read = read(message, handler);
            if (read.isEmpty()) {
                return Uni.createFrom().completionStage(message.ack());
            }
            event = read.get();
        } catch (PoisonEventException e) {
            return deadLetter(message, "unknown", 1, e);
        }
        int maxAttempts = Math.max(1, config.inbox().maxAttempts());
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> recordFirst(event)
                        .chain(first -> first ? handler.handle(event).replaceWith(Outcome.APPLIED)
                                : Uni.createFrom().item(Outcome.DUPLICATE))))
                .onFailure(e -> !(e instanceof PoisonEventException)).retry()
                .withBackOff(config.inbox().initialBackoff()).atMost(maxAttempts - 1L)
                .onItemOrFailure().transformToUni((outcome, failure) -> {
                    if (failure != null) {
                        int attempts = failure instanceof PoisonEventException ? 1 : maxAttempts;
                        return deadLetter(message, event.type(), attempts, failure);
                    }
                    registry.counter("lobsterops_events_consumed_total", "type", event.type(),
                            "outcome", outcome.name().toLowerCase()).increment();
                    return Uni.createFrom().completionStage(message.ack());
                });
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

    private Optional<ReceivedEvent> read(Message<String> message, EventHandler handler) {
        Headers headers = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getHeaders)
                .orElseThrow(() -> new PoisonEventException("not a Kafka record"));
        String type = required(headers, CloudEventHeaders.TYPE);
        if (!handler.handles(type)) {
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
        if (payload == null || payload.engagementId() == null || !payload.engagementId().equals(subject)) {
            throw new PoisonEventException("event " + id + " (" + type + ") names engagement "
                    + (payload == null ? null : payload.engagementId()) + " but its subject is " + subject);
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
