package io.lobsterops.kit.messaging;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lobsterops.events.EngagementEvent;
import io.lobsterops.kit.config.MessagingConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Writes an event into the {@code outbox} table of the current transaction; {@link OutboxRelay} publishes it after
 * the commit. Call it from the service method that owns the unit of work ({@code @WithTransaction}), in the same
 * chain as the state change: either both are committed or neither.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = """
            insert into outbox (event_id, topic, record_key, type, source, subject, occurred_at, payload)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""";

    private final ObjectMapper json;
    private final MessagingConfig config;
    private final OutboxWakeUp wakeUp;

    public Outbox(ObjectMapper json, MessagingConfig config, OutboxWakeUp wakeUp) {
        this.json = json;
        this.config = config;
        this.wakeUp = wakeUp;
    }

    /** Appends {@code event} to the outbox of the current transaction and returns its CloudEvent id. */
    public Uni<UUID> append(EngagementEvent event) {
        UUID eventId = UUID.randomUUID();
        String key = event.subject().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "Outbox.append must run inside the transaction of the state change"))
                .chain(tx -> Panache.getSession())
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, eventId)
                        .setParameter(2, config.topic())
                        .setParameter(3, key)
                        .setParameter(4, event.type())
                        .setParameter(5, config.source())
                        .setParameter(6, key)
                        .setParameter(7, now.atOffset(java.time.ZoneOffset.UTC))
                        .setParameter(8, toJson(event))
                        .executeUpdate())
                .invoke(wakeUp::appended)
                .replaceWith(eventId);
    }

    private String toJson(EngagementEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.type() + " cannot be written as JSON", e);
        }
    }
}
