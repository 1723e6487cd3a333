package io.lobsterops.kit.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Every service's one subscription to the engagement events: each record goes through the {@link EventInbox} to
 * the routes of the service's {@link EventConsumer} beans, in one transaction with the event id — the records of
 * one poll together (ADR 0012), a batch route's events of one poll in one call (ADR 0060). A service only declares
 * routes; a service without any acknowledges every record. The routes are built when this subscription is, which
 * {@link #built} makes happen at start-up, so a route the contract does not know stops the service there.
 */
@ApplicationScoped
public class EngagementEventsSubscription {

    private static final Logger LOG = Logger.getLogger(EngagementEventsSubscription.class);

    private final EventInbox inbox;
    private final EventRoutes routes;

    public EngagementEventsSubscription(EventInbox inbox, @Any Instance<EventConsumer> consumers) {
        this.inbox = inbox;
        this.routes = EventRoutes.merge(consumers.stream().map(EventConsumer::routes).toList());
    }

    /** Creates this bean, and so every consumer's routes, at start-up rather than at the first polled batch. */
    void built(@Observes StartupEvent startup) {
        LOG.debugf("%d engagement event types routed", routes.types().size());
    }

    /** The records of one poll (the channel is a batch channel), each acknowledged or dead-lettered on its own. */
    @Incoming(Channels.ENGAGEMENT_EVENTS_IN)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return inbox.processBatch(batch.getRecords(), routes);
    }
}
