package io.lobsterops.monitoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.Stage;

class MonitoredEngagementTest {

    static final Duration WINDOW = Duration.ofHours(24);
    static final Instant OPENED = Instant.parse("2026-11-01T09:00:00Z");

    static MonitoredEngagement registered() {
        return MonitoredEngagement.register(UUID.randomUUID(), "acme", "Acme", "retail", false, Stage.LEAD, OPENED,
                WINDOW);
    }

    @Test
    void everyStageBeforeGoLiveAwaitsTheGateway() {
        MonitoredEngagement engagement = registered();
        for (Stage stage : new Stage[] { Stage.DISCOVERY, Stage.SIGNED, Stage.PROVISIONING, Stage.DEPLOYING,
                Stage.TRAINING }) {
            engagement.follow(stage, OPENED.plusSeconds(1), WINDOW);
            assertEquals(MonitoringStatus.AWAITING_GATEWAY, engagement.status, stage.name());
        }
        assertNull(engagement.stabilityWindowStart);
        assertEquals(WatchState.NOT_CONFIGURED, engagement.healthProbe);
    }

    @Test
    void aWindowClosesOnlyAtItsEndAndOnce() {
        MonitoredEngagement engagement = registered();
        Instant live = OPENED.plus(Duration.ofDays(10));
        engagement.follow(Stage.LIVE, live, WINDOW);
        assertFalse(engagement.closeStabilityWindow(live.plus(WINDOW).minusSeconds(1)));
        assertTrue(engagement.closeStabilityWindow(live.plus(WINDOW)));
        assertEquals(live.plus(WINDOW), engagement.stableAt);
        assertFalse(engagement.closeStabilityWindow(live.plus(WINDOW).plusSeconds(5)), "declared stable once");
    }

    @Test
    void anUrgentEscalationRestartsTheWindowFromThatMoment() {
        MonitoredEngagement engagement = registered();
        Instant live = OPENED.plus(Duration.ofDays(10));
        engagement.follow(Stage.LIVE, live, WINDOW);
        Instant incident = live.plus(Duration.ofHours(20));
        assertTrue(engagement.restartStabilityWindow(incident, WINDOW));
        assertEquals(incident, engagement.stabilityWindowStart);
        assertEquals(incident.plus(WINDOW), engagement.stabilityWindowEnd);
        assertEquals(1, engagement.stabilityWindowRestarts);
        assertFalse(engagement.closeStabilityWindow(live.plus(WINDOW)), "the first end no longer counts");
    }

    @Test
    void resumingLiveAfterASuspensionStartsANewWindowAndPausesTheWatchesMeanwhile() {
        MonitoredEngagement engagement = registered();
        Instant live = OPENED.plus(Duration.ofDays(10));
        Instant resumed = live.plus(Duration.ofHours(30));
        engagement.gatewayWatched(live.minusSeconds(60));
        engagement.follow(Stage.LIVE, live, WINDOW);
        engagement.follow(Stage.SUSPENDED, live.plus(Duration.ofHours(5)), WINDOW);
        assertEquals(MonitoringStatus.PAUSED, engagement.status);
        assertEquals(WatchState.PAUSED, engagement.healthProbe);
        engagement.follow(Stage.LIVE, resumed, WINDOW);
        assertEquals(MonitoringStatus.STABILITY_WINDOW, engagement.status);
        assertEquals(WatchState.WATCHING, engagement.healthProbe);
        assertEquals(resumed, engagement.stabilityWindowStart);
        assertEquals(resumed.plus(WINDOW), engagement.stabilityWindowEnd);
    }

    @Test
    void terminationStopsMonitoring() {
        MonitoredEngagement engagement = registered();
        engagement.gatewayWatched(OPENED.plusSeconds(30));
        engagement.follow(Stage.TERMINATED, OPENED.plusSeconds(60), WINDOW);
        assertEquals(MonitoringStatus.STOPPED, engagement.status);
        assertEquals(WatchState.STOPPED, engagement.healthProbe);
        assertEquals(OPENED.plusSeconds(60), engagement.updatedAt);
        assertEquals(OPENED, engagement.registeredAt);
        assertFalse(engagement.restartStabilityWindow(OPENED.plusSeconds(90), WINDOW));
    }
}
