package io.lobsterops.kit.messaging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.lobsterops.events.EngagementEvent;
import io.lobsterops.events.EventCatalog;
import io.smallrye.mutiny.Uni;

/**
 * The events a service acts on, declared once as routes from a payload class of the contract to a method: the
 * handled types are the routes' types, taken from {@link EventCatalog}, and every other type is acknowledged and
 * skipped by the {@link EventInbox}. A route for a class the catalog does not know is refused when the routes are
 * built, i.e. at start-up (ADR 0060).
 * <pre>{@code
 * EventRoutes.builder()
 *         .onBatch(EngagementOpened.class, accounts::openedAll)         // every fresh one of a polled batch, at once
 *         .on(EngagementStageChanged.class, accounts::stageChanged)     // (ReceivedEvent, payload) -> Uni<Void>
 *         .on(AgentSuspended.class, service::suspended)                 // (payload) -> Uni<Void>
 *         .build();
 * }</pre>
 * The routes of one type run one after the other, in the order they were declared; {@link Builder#onEvery} adds a
 * route to every type of the contract. A batch route is its type's only route: it receives the fresh
 * (never-seen) events of its type in record order, as long as moving them together reorders no engagement's events
 * ({@link #plan}); one event alone (a batch of one, or the inbox's one-at-a-time fallback) reaches it as a list of one.
 */
public final class EventRoutes {

    /** The catalog read backwards: payload class to type name. */
    private static final Map<Class<? extends EngagementEvent>, String> TYPES = new HashMap<>();

    static {
        EventCatalog.payloads().forEach((type, payload) -> TYPES.put(payload, type));
    }

    private final Map<String, List<Step>> routes;

    private EventRoutes(Map<String, List<Step>> routes) {
        this.routes = routes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Routes no type: every event is acknowledged and skipped. */
    public static EventRoutes none() {
        return new EventRoutes(Map.of());
    }

    /**
     * The routes of several consumers together, each type's routes in the consumers' order. A batch route must stay
     * its type's only route: another consumer routing the same type is refused here, at start-up.
     */
    public static EventRoutes merge(List<EventRoutes> all) {
        if (all.isEmpty()) {
            return none();
        }
        if (all.size() == 1) {
            return all.getFirst();
        }
        Map<String, List<Step>> merged = new LinkedHashMap<>();
        for (EventRoutes one : all) {
            one.routes.forEach((type, steps) -> merged.computeIfAbsent(type, ignored -> new ArrayList<>())
                    .addAll(steps));
        }
        merged.forEach(EventRoutes::refuseBatchBeside);
        return new EventRoutes(Map.copyOf(merged));
    }

    /** Whether a route takes events of {@code type}; the inbox acknowledges and skips the others. */
    public boolean handles(String type) {
        return routes.containsKey(type);
    }

    /** The types routed, for a log line and the tests. */
    public Set<String> types() {
        return routes.keySet();
    }

    /** Whether events of {@code type} are taken together by a batch route. */
    public boolean batched(String type) {
        List<Step> steps = routes.get(type);
        return steps != null && steps.getFirst() instanceof Batch;
    }

    /** The effect of one event: its type's routes one after the other (a batch route with a list of one). */
    public Uni<Void> apply(ReceivedEvent event) {
        return apply(List.of(event));
    }

    /**
     * The effect of events of one type taken together — a group of {@link #plan}: its batch route once with all of
     * them, or each event through its type's routes in turn.
     */
    public Uni<Void> apply(List<ReceivedEvent> group) {
        List<Step> steps = routes.get(group.getFirst().type());
        if (steps == null) {
            return Uni.createFrom().voidItem();
        }
        if (steps.getFirst() instanceof Batch batch) {
            return Uni.createFrom().deferred(() -> batch.apply(group));
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ReceivedEvent event : group) {
            for (Step step : steps) {
                chain = chain.chain(() -> ((Single) step).apply(event));
            }
        }
        return chain;
    }

    /**
     * The order in which the events of a polled batch (fresh ones, in record order) take effect: a list of groups,
     * each either one event or events of one batch-routed type. An event joins an earlier group of its type only
     * when no event of the same subject (engagement, or host) was placed since that group began, so no engagement's
     * events change order; events of different engagements may, as they may across Kafka partitions.
     */
    public List<List<ReceivedEvent>> plan(List<ReceivedEvent> events) {
        List<List<ReceivedEvent>> groups = new ArrayList<>(events.size());
        Map<String, Open> open = new HashMap<>();   // batch type -> its group still taking events
        for (ReceivedEvent event : events) {
            List<ReceivedEvent> placedIn = null;
            if (batched(event.type())) {
                Open group = open.get(event.type());
                if (group == null || group.blocked.contains(event.subject())) {
                    group = new Open(new ArrayList<>(), new HashSet<>());
                    open.put(event.type(), group);
                    groups.add(group.events);
                }
                group.events.add(event);
                placedIn = group.events;
            } else {
                placedIn = new ArrayList<>(1);
                placedIn.add(event);
                groups.add(placedIn);
            }
            for (Open other : open.values()) {
                if (other.events != placedIn) {
                    other.blocked.add(event.subject());
                }
            }
        }
        return groups;
    }

    private static void refuseBatchBeside(String type, List<Step> steps) {
        if (steps.size() > 1 && steps.stream().anyMatch(Batch.class::isInstance)) {
            throw new IllegalStateException("event type " + type + " has a batch route and another route beside "
                    + "it: a batch route must be its type's only route");
        }
    }

    private static String typeOf(Class<? extends EngagementEvent> payload) {
        return Optional.ofNullable(TYPES.get(payload)).orElseThrow(() -> new IllegalArgumentException("cannot route "
                + payload.getName() + ": the event contract (EventCatalog) describes no event with that payload"));
    }

    /** A route's effect for one event: its payload, typed. */
    @FunctionalInterface
    public interface OnPayload<P extends EngagementEvent> {
        Uni<Void> handle(P payload);
    }

    /** A route's effect for one event: its context attributes (id, source, time) and its payload, typed. */
    @FunctionalInterface
    public interface OnEvent<P extends EngagementEvent> {
        Uni<Void> handle(ReceivedEvent event, P payload);
    }

    /** A batch route's effect: the fresh events of its type in a polled batch, in record order. */
    @FunctionalInterface
    public interface OnBatch<P extends EngagementEvent> {
        Uni<Void> handle(List<TypedEvent<P>> events);
    }

    /** Declares routes; {@link #build()} once, typically in the consumer's constructor. */
    public static final class Builder {

        private final Map<String, List<Step>> routes = new LinkedHashMap<>();

        private Builder() {
        }

        /** A route taking the payload only. */
        public <P extends EngagementEvent> Builder on(Class<P> payload, OnPayload<P> handler) {
            return add(typeOf(payload), new Single(event -> handler.handle(payload.cast(event.payload()))));
        }

        /** A route taking the event's context attributes too (its id, source, time). */
        public <P extends EngagementEvent> Builder on(Class<P> payload, OnEvent<P> handler) {
            return add(typeOf(payload), new Single(event -> handler.handle(event, payload.cast(event.payload()))));
        }

        /** One route for several payload classes (a service that treats them alike). */
        public Builder onEach(Collection<Class<? extends EngagementEvent>> payloads,
                Function<ReceivedEvent, Uni<Void>> handler) {
            for (Class<? extends EngagementEvent> payload : payloads) {
                add(typeOf(payload), new Single(handler::apply));
            }
            return this;
        }

        /** A route for every event type of the contract, after the routes declared before it. */
        public Builder onEvery(Function<ReceivedEvent, Uni<Void>> handler) {
            return onEach(EventCatalog.payloads().values(), handler);
        }

        /**
         * A batch route: the fresh events of this type in a polled batch, all at once, in record order, inside the
         * inbox's transaction. It must be the type's only route.
         */
        public <P extends EngagementEvent> Builder onBatch(Class<P> payload, OnBatch<P> handler) {
            return add(typeOf(payload), new Batch(events -> handler.handle(events.stream()
                    .map(event -> new TypedEvent<>(event, payload.cast(event.payload()))).toList())));
        }

        public EventRoutes build() {
            Map<String, List<Step>> built = new LinkedHashMap<>();
            routes.forEach((type, steps) -> built.put(type, List.copyOf(steps)));
            return new EventRoutes(Collections.unmodifiableMap(built));
        }

        private Builder add(String type, Step step) {
            List<Step> steps = routes.computeIfAbsent(type, ignored -> new ArrayList<>());
            steps.add(step);
            refuseBatchBeside(type, steps);
            return this;
        }
    }

    private sealed interface Step permits Single, Batch {
    }

    private record Single(Function<ReceivedEvent, Uni<Void>> effect) implements Step {

        Uni<Void> apply(ReceivedEvent event) {
            return effect.apply(event);
        }
    }

    private record Batch(Function<List<ReceivedEvent>, Uni<Void>> effect) implements Step {

        Uni<Void> apply(List<ReceivedEvent> events) {
            return effect.apply(events);
        }
    }

    private record Open(List<ReceivedEvent> events, Set<UUID> blocked) {
    }

}
