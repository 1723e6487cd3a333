package io.lobsterops.kit.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Every service's one subscription to the engagement events: each record goes through the {@link EventInbox} to
 * the service's {@link EventHandler} beans that handle its type, in one transaction with the event id — the records
 * of one poll together (ADR 0012). A service only writes handlers; a service without any acknowledges every record.
 */
@ApplicationScoped
public class EngagementEventsSubscription {

    private final EventInbox inbox;
    private final EventHandler handlers;

    public EngagementEventsSubscription(EventInbox inbox, @Any Instance<EventHandler> handlers) {
        this.inbox = inbox;
        this.handlers = new AllHandlers(handlers.stream().toList());
    }

    /** The records of one poll (the channel is a batch channel), each acknowledged or dead-lettered on its own. */
    @Incoming(Channels.ENGAGEMENT_EVENTS_IN)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return inbox.processBatch(batch.getRecords(), handlers);
    }

    /** The handlers of a type, applied one after the other in the inbox's transaction. */
    private record AllHandlers(List<EventHandler> handlers) implements EventHandler {

        @Override
        public boolean handles(String type) {
            return handlers.stream().anyMatch(handler -> handler.handles(type));
        }

        @Override
        public Uni<Void> handle(ReceivedEvent event) {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (EventHandler handler : handlers) {
                if (handler.handles(event.type())) {
                    chain = chain.chain(() -> handler.handle(event));
                }
            }
            return chain;
        }
    }
}
