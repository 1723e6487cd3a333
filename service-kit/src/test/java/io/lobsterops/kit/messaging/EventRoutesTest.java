package io.lobsterops.kit.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.AgentSuspended;
import io.lobsterops.events.EngagementEvent;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.EventCatalog;
import io.lobsterops.events.EventTypes;
import io.lobsterops.events.Stage;
import io.smallrye.mutiny.Uni;

/**
 * The routes alone, without Quarkus: what they handle, what they refuse when built, how a polled batch is planned
 * (batch routes take their type's events together without reordering any engagement's events), and what each route
 * receives. The inbox around them (one transaction, duplicates filtered, the one-at-a-time fallback and the
 * dead-letter topic) is tested where a database and a broker run: billing-service's {@code EventInboxRoutesTest}.
 */
class EventRoutesTest {

    /** A payload the contract does not describe. */
    record Unknown(UUID engagementId) implements EngagementEvent {

        @Override
        public String type() {
            return "lobsterops.unknown.happened";
        }
    }

    private static final Uni<Void> DONE = Uni.createFrom().voidItem();

    @Test
    void aRouteForAPayloadTheContractDoesNotKnowIsRefusedWhenBuilt() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> EventRoutes.builder().on(Unknown.class, unknown -> DONE));
        assertTrue(refused.getMessage().contains(Unknown.class.getName()), refused.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> EventRoutes.builder().onBatch(Unknown.class, events -> DONE));
        assertThrows(IllegalArgumentException.class,
                () -> EventRoutes.builder().onEach(List.of(EngagementOpened.class, Unknown.class), event -> DONE));
    }

    @Test
    void theHandledTypesAreTheRoutesTypesAndNothingElse() {
        EventRoutes routes = EventRoutes.builder()
                .on(EngagementOpened.class, opened -> DONE)
                .on(AgentSuspended.class, (event, suspended) -> DONE)
                .build();
        assertEquals(java.util.Set.of(EventTypes.ENGAGEMENT_OPENED, EventTypes.AGENT_SUSPENDED), routes.types());
        assertTrue(routes.handles(EventTypes.ENGAGEMENT_OPENED));
        assertFalse(routes.handles(EventTypes.ENGAGEMENT_STAGE_CHANGED));   // acknowledged and skipped by the inbox
        assertFalse(routes.handles("lobsterops.unknown.happened"));
        assertFalse(EventRoutes.merge(List.of()).handles(EventTypes.ENGAGEMENT_OPENED));
        assertEquals(EventCatalog.payloads().keySet(), EventRoutes.builder().onEvery(event -> DONE).build().types());
    }

    @Test
    void aBatchRouteIsItsTypesOnlyRoute() {
        assertThrows(IllegalStateException.class, () -> EventRoutes.builder()
                .onBatch(EngagementOpened.class, events -> DONE)
                .on(EngagementOpened.class, opened -> DONE));
        assertThrows(IllegalStateException.class, () -> EventRoutes.builder()
                .onBatch(EngagementOpened.class, events -> DONE)
                .onEvery(event -> DONE));
        EventRoutes batch = EventRoutes.builder().onBatch(EngagementOpened.class, events -> DONE).build();
        EventRoutes single = EventRoutes.builder().on(EngagementOpened.class, opened -> DONE).build();
        assertThrows(IllegalStateException.class, () -> EventRoutes.merge(List.of(batch, single)));
    }

    @Test
    void eachRouteGetsItsTypedPayloadAndTheRoutesOfATypeRunInTheOrderDeclared() {
        List<String> seen = new ArrayList<>();
        ReceivedEvent opened = opened(UUID.randomUUID());
        ReceivedEvent changed = changed(opened.subject());
        EventRoutes routes = EventRoutes.builder()
                .on(EngagementOpened.class, payload -> record(seen, "opened " + payload.clientName()))
                .on(EngagementStageChanged.class, (event, payload) -> record(seen, event.id() + " " + payload.to()))
                .onEvery(event -> record(seen, "every " + event.type()))
                .build();
        routes.apply(opened).await().atMost(Duration.ofSeconds(5));
        routes.apply(changed).await().atMost(Duration.ofSeconds(5));
        assertEquals(List.of("opened Bench Corp", "every " + EventTypes.ENGAGEMENT_OPENED,
                changed.id() + " PROPOSAL", "every " + EventTypes.ENGAGEMENT_STAGE_CHANGED), seen);
    }

    @Test
    void aBatchRouteReceivesItsEventsTypedAndInRecordOrder() {
        List<List<String>> calls = new ArrayList<>();
        EventRoutes routes = EventRoutes.builder()
                .onBatch(EngagementOpened.class, events -> {
                    calls.add(events.stream().map(each -> each.event().id() + "/" + each.payload().engagementId())
                            .toList());
                    return DONE;
                })
                .build();
        List<ReceivedEvent> events = List.of(opened(UUID.randomUUID()), opened(UUID.randomUUID()),
                opened(UUID.randomUUID()));
        List<List<ReceivedEvent>> plan = routes.plan(events);
        assertEquals(List.of(events), plan);
        routes.apply(plan.getFirst()).await().atMost(Duration.ofSeconds(5));
        routes.apply(events.get(1)).await().atMost(Duration.ofSeconds(5));   // alone: a list of one
        assertEquals(List.of(events.stream().map(e -> e.id() + "/" + e.subject()).toList(),
                List.of(events.get(1).id() + "/" + events.get(1).subject())), calls);
    }

    @Test
    void aBatchGathersItsTypeAcrossOtherEngagementsEventsButNeverOvertakesOneOfTheSameEngagement() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        EventRoutes routes = EventRoutes.builder()
                .onBatch(EngagementOpened.class, events -> DONE)
                .on(EngagementStageChanged.class, changed -> DONE)
                .build();
        ReceivedEvent openedA = opened(a);
        ReceivedEvent changedA = changed(a);
        ReceivedEvent openedB = opened(b);
        ReceivedEvent changedB = changed(b);
        ReceivedEvent openedC = opened(c);
        ReceivedEvent openedBAgain = opened(b);
        // B's stage change comes before C's opening and after B's opening: C joins the first group, B's second
        // opening must wait behind B's stage change
        List<List<ReceivedEvent>> plan = routes.plan(List.of(openedA, changedA, openedB, changedB, openedC,
                openedBAgain));
        assertEquals(List.of(List.of(openedA, openedB, openedC), List.of(changedA), List.of(changedB),
                List.of(openedBAgain)), plan);
        // any engagement's events keep their record order in the plan
        List<ReceivedEvent> flat = plan.stream().flatMap(List::stream).toList();
        for (UUID engagement : List.of(a, b, c)) {
            List<ReceivedEvent> inRecords = List.of(openedA, changedA, openedB, changedB, openedC, openedBAgain)
                    .stream().filter(e -> e.subject().equals(engagement)).toList();
            assertEquals(inRecords, flat.stream().filter(e -> e.subject().equals(engagement)).toList());
        }
    }

    @Test
    void withoutBatchRoutesThePlanIsTheRecordOrderOneByOne() {
        EventRoutes routes = EventRoutes.builder().on(EngagementOpened.class, opened -> DONE).build();
        List<ReceivedEvent> events = List.of(opened(UUID.randomUUID()), opened(UUID.randomUUID()));
        assertEquals(List.of(List.of(events.get(0)), List.of(events.get(1))), routes.plan(events));
    }

    private static Uni<Void> record(List<String> seen, String line) {
        seen.add(line);
        return DONE;
    }

    private static ReceivedEvent opened(UUID engagement) {
        return received(new EngagementOpened(engagement, "bench", "Bench Corp", null, null, null, null, Stage.LEAD,
                "tester", Instant.now()));
    }

    private static ReceivedEvent changed(UUID engagement) {
        return received(new EngagementStageChanged(engagement, "bench", Stage.DISCOVERY, Stage.PROPOSAL, null,
                "tester", Instant.now()));
    }

    private static ReceivedEvent received(EngagementEvent payload) {
        return new ReceivedEvent(UUID.randomUUID().toString(), payload.type(), "/lobsterops/test",
                payload.subject(), OffsetDateTime.now(), payload);
    }
}
