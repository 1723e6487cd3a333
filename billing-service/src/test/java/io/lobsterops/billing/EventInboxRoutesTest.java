package io.lobsterops.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import io.lobsterops.events.AgentSuspended;
import io.lobsterops.events.EngagementEvent;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.kit.messaging.EventInbox;
import io.lobsterops.kit.messaging.EventRoutes;
import io.lobsterops.testkit.Events;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The kit's inbox with a batch route, driven directly with polled records (no broker: each record's acknowledgement
 * and dead-lettering nack are observed here), against billing's test database, where {@code processed_event} lives:
 * the batch route gets only fresh events, in record order, in the transaction that records them; a type without a
 * route is acknowledged and skipped; a batch that fails falls back to one event at a time and only the poison event
 * is nacked for the dead-letter topic. The kit's own tests (service-kit, {@code EventRoutesTest}) cover the routes
 * without a database.
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class EventInboxRoutesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final AtomicLong OFFSET = new AtomicLong();

    @Inject
    EventInbox inbox;

    @Inject
    Vertx vertx;

    @Inject
    Pool pool;

    private final Map<String, String> settled = new ConcurrentHashMap<>();   // event id -> "ack" or the nack reason

    @Test
    void aBatchRouteGetsOnlyFreshEventsInRecordOrderAndOtherTypesAreSkipped() throws Exception {
        List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
        EventRoutes routes = EventRoutes.builder()
                .onBatch(EngagementOpened.class, events -> {
                    calls.add(events.stream().map(each -> each.event().id()).toList());
                    return Uni.createFrom().voidItem();
                })
                .build();
        String seen = UUID.randomUUID().toString();
        process(routes, List.of(record(seen, opened())));
        assertEquals(List.of(List.of(seen)), calls);
        calls.clear();

        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String third = UUID.randomUUID().toString();
        String unrouted = UUID.randomUUID().toString();
        process(routes, List.of(record(first, opened()), record(seen, opened()), record(second, opened()),
                record(unrouted, suspended()), record(first, opened()), record(third, opened())));

        assertEquals(List.of(List.of(first, second, third)), calls);   // one call, no duplicate, record order
        for (String id : List.of(seen, first, second, third, unrouted)) {
            assertEquals("ack", settled.get(id), id);
        }
        assertEquals(Set.of(first, second, third), recorded(List.of(first, second, third, unrouted)));
    }

    @Test
    void aFailingBatchFallsBackOneAtATimeAndOnlyThePoisonEventIsDeadLettered() throws Exception {
        String poisonName = "Poison " + UUID.randomUUID();
        List<List<String>> applied = Collections.synchronizedList(new ArrayList<>());
        EventRoutes routes = EventRoutes.builder()
                .onBatch(EngagementOpened.class, events -> {
                    if (events.stream().anyMatch(each -> poisonName.equals(each.payload().clientName()))) {
                        return Uni.createFrom().failure(new IllegalStateException("cannot open " + poisonName));
                    }
                    applied.add(events.stream().map(each -> each.event().id()).toList());
                    return Uni.createFrom().voidItem();
                })
                .build();
        String before = UUID.randomUUID().toString();
        String poison = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        process(routes, List.of(record(before, opened()),
                record(poison, Events.opened(UUID.randomUUID(), "poison", poisonName)), record(after, opened())));

        assertEquals(List.of(List.of(before), List.of(after)), applied);   // the batch failed: one at a time
        assertEquals("ack", settled.get(before));
        assertEquals("ack", settled.get(after));
        String reason = settled.get(poison);
        assertTrue(reason.contains("after 3 attempt(s)") && reason.contains("cannot open " + poisonName), reason);
        assertEquals(Set.of(before, after), recorded(List.of(before, poison, after)));
    }

    /** Processes one poll on a Vert.x context of its own, as the subscription does, and waits for every record. */
    private void process(EventRoutes routes, List<Message<String>> records) throws Exception {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(ignored -> inbox.processBatch(records, routes)
                .subscribe().with(done::complete, done::completeExceptionally));
        done.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    private Set<String> recorded(List<String> ids) {
        return pool.preparedQuery("select event_id from processed_event where consumer = 'billing-service' "
                        + "and event_id = any($1)")
                .execute(Tuple.of(ids.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> found = new java.util.HashSet<>();
                    rows.forEach(row -> found.add(row.getString(0)));
                    return found;
                })
                .await().atMost(PATIENCE);
    }

    private Message<String> record(String id, EngagementEvent event) {
        ProducerRecord<String, String> produced = Events.record(id, event, event.subject().toString());
        ConsumerRecord<String, String> polled = new ConsumerRecord<>(produced.topic(), 0,
                OFFSET.incrementAndGet(), System.currentTimeMillis(), TimestampType.CREATE_TIME, -1, -1,
                produced.key(), produced.value(), produced.headers(), Optional.empty());
        return Message.of(produced.value(), Metadata.of(new IncomingKafkaRecordMetadata<>(polled, "test")),
                () -> settle(id, "ack"),
                failure -> {
                    assertInstanceOf(EventInbox.DeadLetterException.class, failure);
                    return settle(id, failure.getMessage());
                });
    }

    private CompletionStage<Void> settle(String id, String outcome) {
        settled.merge(id, outcome, (earlier, later) -> earlier.equals(later) ? earlier : earlier + " | " + later);
        return CompletableFuture.completedFuture(null);
    }

    private static EngagementOpened opened() {
        String client = "client-" + UUID.randomUUID().toString().substring(0, 8);
        return Events.opened(UUID.randomUUID(), client, "Client " + client);
    }

    private static AgentSuspended suspended() {
        return new AgentSuspended(UUID.randomUUID(), "client", UUID.randomUUID(), "a test", "tester",
                java.time.Instant.now());
    }
}
