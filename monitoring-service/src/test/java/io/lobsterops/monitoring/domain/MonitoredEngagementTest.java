package io.lobsterops.monitoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lobsterops.events.Stage;

class MonitoredEngagementTest {

    static final Duration MIN = Duration.ofHours(24);
    static final Duration MAX = Duration.ofHours(48);
    static final Instant OPENED = Instant.parse("2026-11-01T09:00:00Z");

    static MonitoredEngagement registered() {
        return MonitoredEngagement.register(UUID.randomUUID(), "acme", "Acme", Stage.LEAD, OPENED, MIN, MAX);
    }

    @Test
    void everyStageBeforeGoLiveAwaitsTheGateway() {
        MonitoredEngagement engagement = registered();
        for (Stage stage : new Stage[] { Stage.DISCOVERY, Stage.SIGNED, Stage.PROVISIONING, Stage.DEPLOYING,
                Stage.TRAINING }) {
            engagement.follow(stage, OPENED.plusSeconds(1), MIN, MAX);
            assertEquals(MonitoringStatus.AWAITING_GATEWAY, engagement.status, stage.name());
        }
        assertNull(engagement.stabilityWindowStart);
    }

    @Test
    void becomingStableKeepsTheWindowThatWasPassed() {
        MonitoredEngagement engagement = registered();
        Instant live = OPENED.plus(Duration.ofDays(10));
        engagement.follow(Stage.LIVE, live, MIN, MAX);
        engagement.follow(Stage.STABLE, live.plus(MIN), MIN, MAX);
        assertEquals(MonitoringStatus.STEADY, engagement.status);
        assertEquals(live, engagement.stabilityWindowStart);
        engagement.follow(Stage.MAINTENANCE, live.plus(MAX), MIN, MAX);
        assertEquals(MonitoringStatus.STEADY, engagement.status);
    }

    @Test
    void resumingLiveAfterASuspensionStartsANewWindow() {
        MonitoredEngagement engagement = registered();
        Instant live = OPENED.plus(Duration.ofDays(10));
        Instant resumed = live.plus(Duration.ofHours(30));
        engagement.follow(Stage.LIVE, live, MIN, MAX);
        engagement.follow(Stage.SUSPENDED, live.plus(Duration.ofHours(5)), MIN, MAX);
        assertEquals(MonitoringStatus.PAUSED, engagement.status);
        engagement.follow(Stage.LIVE, resumed, MIN, MAX);
        assertEquals(MonitoringStatus.STABILITY_WINDOW, engagement.status);
        assertEquals(resumed, engagement.stabilityWindowStart);
        assertEquals(resumed.plus(MIN), engagement.stabilityWindowMinEnd);
        assertEquals(resumed.plus(MAX), engagement.stabilityWindowMaxEnd);
    }

    @Test
    void terminationStopsMonitoring() {
        MonitoredEngagement engagement = registered();
        engagement.follow(Stage.TERMINATED, OPENED.plusSeconds(60), MIN, MAX);
        assertEquals(MonitoringStatus.STOPPED, engagement.status);
        assertEquals(OPENED.plusSeconds(60), engagement.updatedAt);
        assertEquals(OPENED, engagement.registeredAt);
    }
}
