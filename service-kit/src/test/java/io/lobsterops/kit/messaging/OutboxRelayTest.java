package io.lobsterops.kit.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
/**
 * The outbox relay's parts that need no database or broker, as plain JUnit tests (a {@code @QuarkusTest} here would
 * need a whole application in the kit; the relay end to end is tested by provisioning's and billing's tests and
 * provisioning's {@code OutboxCrashRecoveryIT}, ADR 0061): when an idle relay sweeps (never), the acknowledged
 * prefix that keeps one engagement's events in order, the backoff after a failure, the producer's ordering settings.
 */
class OutboxRelayTest {

    private static final Duration IDLE_AFTER = Duration.ofMinutes(1);

    @Test
    void aRelayWhoseOutboxStaysEmptyNeverSweeps() {
        RelayActivity activity = new RelayActivity(IDLE_AFTER);
        activity.drained();   // the start-up round found nothing
        for (long now = 0; now < Duration.ofHours(2).toMillis(); now += 2_000) {
            assertFalse(activity.sweepDue(now), "swept at " + now);
        }
        assertFalse(activity.everActive(), "an idle relay counts and purges nothing either");
    }

    @Test
    void anAppendMakesTheRelaySweepForAWhileThenItRestsAgain() {
        RelayActivity activity = new RelayActivity(IDLE_AFTER);
        activity.appended(10_000);
        activity.drained();
        assertTrue(activity.sweepDue(12_000));
        assertTrue(activity.sweepDue(10_000 + IDLE_AFTER.toMillis() - 1));
        assertFalse(activity.sweepDue(10_000 + IDLE_AFTER.toMillis()));
        assertTrue(activity.everActive());
        activity.appended(200_000);   // a notification of a committed row counts the same
        assertTrue(activity.sweepDue(201_000));
    }

    @Test
    void aFailedRoundWaitsForItsBackoffThenKeepsSweepingUntilTheOutboxIsDrained() {
        RelayActivity activity = new RelayActivity(IDLE_AFTER);
        activity.failed(0, Duration.ofSeconds(1));
        assertFalse(activity.mayRun(999));
        assertFalse(activity.sweepDue(999));
        assertTrue(activity.mayRun(1_000));
        assertTrue(activity.sweepDue(1_000));
        assertTrue(activity.sweepDue(Duration.ofHours(1).toMillis()), "rows may be left: the sweep goes on");
        activity.drained();
        assertFalse(activity.sweepDue(Duration.ofHours(1).toMillis()));
    }

    @Test
    void onlyTheAcknowledgedPrefixIsMarkedSoNoEngagementsEventOvertakesAnother() throws Exception {
        CompletableFuture<Object> failed = new CompletableFuture<>();
        failed.completeExceptionally(new IllegalStateException("broker gone"));
        List<CompletableFuture<Object>> acks = List.of(CompletableFuture.completedFuture("a"),
                CompletableFuture.completedFuture("b"), failed, CompletableFuture.completedFuture("d"));
        List<Long> acknowledged = new ArrayList<>();
        RuntimeException failure = OutboxRelay.acknowledgedPrefix(List.of(1L, 2L, 3L, 4L), acks,
                Duration.ofSeconds(1), acknowledged);
        assertEquals(List.of(1L, 2L), acknowledged, "row 4 was acknowledged, but after row 3, which was not");
        assertTrue(failure.getMessage().contains("outbox row 3") && failure.getMessage().contains("broker gone"),
                failure.getMessage());
    }

    @Test
    void anAcknowledgementThatNeverComesEndsThePrefixAtTheDeadline() throws Exception {
        List<Long> acknowledged = new ArrayList<>();
        RuntimeException failure = OutboxRelay.acknowledgedPrefix(List.of(7L, 8L),
                List.of(CompletableFuture.completedFuture("ok"), new CompletableFuture<>()), Duration.ofMillis(50),
                acknowledged);
        assertEquals(List.of(7L), acknowledged);
        assertTrue(failure.getMessage().contains("outbox row 8") && failure.getMessage().contains("timed out"),
                failure.getMessage());
        List<Long> all = new ArrayList<>();
        assertNull(OutboxRelay.acknowledgedPrefix(List.of(1L), List.of(CompletableFuture.completedFuture("ok")),
                Duration.ofSeconds(1), all));
        assertEquals(List.of(1L), all);
    }

    @Test
    void theProducerKeepsEachPartitionInOrderAndTakesOnlyTheBrokerSettingsOfTheService() {
        Map<String, Object> props = OutboxRecords.producerConfig(Map.of("bootstrap.servers", "127.0.0.1:9092",
                "security.protocol", "PLAINTEXT", "group.id", "not-for-a-producer"), "billing-service",
                Duration.ofSeconds(15));
        assertEquals("all", props.get(ProducerConfig.ACKS_CONFIG));
        assertEquals(true, props.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertTrue((int) props.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION) <= 5,
                "idempotence keeps order only up to 5 requests in flight");
        assertEquals("127.0.0.1:9092", props.get("bootstrap.servers"));
        assertEquals("PLAINTEXT", props.get("security.protocol"));
        assertFalse(props.containsKey("group.id"));
        assertEquals("billing-service-outbox-relay", props.get(ProducerConfig.CLIENT_ID_CONFIG));
        assertEquals(15_000, props.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
    }

    private static final Duration LEASE = Duration.ofSeconds(5);

    @Test
    void aFewNotificationsASecondKeepTheRelayWaitingForThem() {
        RelayPolling polling = new RelayPolling(50, LEASE);
        for (long now = 0; now < 60_000; now += 25) {   // 40 a second, for a minute
            assertFalse(polling.notified(now), "polled at " + now);
            assertFalse(polling.leaseDue(now));
        }
        assertFalse(polling.polling(60_000));
    }

    @Test
    void manyNotificationsASecondMakeTheRelayPollAndLeaseTheTriggersSilence() {
        RelayPolling polling = new RelayPolling(50, LEASE);
        boolean asked = false;
        long now = 0;
        for (; now < 1_000 && !asked; now += 10) {   // 100 a second
            asked = polling.notified(now);
        }
        assertTrue(asked, "100 notifications a second should make the relay poll");
        assertTrue(polling.leaseDue(now), "the lease is taken at once");
        assertFalse(polling.polling(now), "no polling before the lease is written");
        polling.leased(now);
        assertTrue(polling.polling(now));
        assertTrue(polling.holdsLease(now));
        assertFalse(polling.leaseDue(now + 1_000), "not renewed before half of it is gone");
    }

    @Test
    void theLeaseIsRenewedWhileRowsComeThenRunsOutAndTheRelayPollsOneGracePeriodMore() {
        RelayPolling polling = new RelayPolling(50, LEASE);
        for (long now = 0; now <= 500; now += 10) {
            polling.notified(now);
        }
        polling.leased(500);                                // lease until 5,500
        polling.found(3_000, 10);
        assertTrue(polling.leaseDue(3_100), "half gone and rows came: renew");
        polling.leased(3_100);                              // lease until 8,100
        polling.found(4_000, 0);                            // the producer stopped after 3,000
        assertTrue(polling.leaseDue(5_700), "half gone, and rows came within the last lease: renewed");
        polling.leased(5_700);                              // lease until 10,700
        assertFalse(polling.leaseDue(8_300), "half gone, but no rows for a whole lease: let it run out");
        assertTrue(polling.holdsLease(10_699));
        assertFalse(polling.holdsLease(10_700));
        assertTrue(polling.polling(10_700), "the grace: a transaction that skipped its NOTIFY may commit late");
        assertTrue(polling.polling(15_699));
        assertFalse(polling.polling(15_700), "after the grace the relay waits for notifications again");
    }

    @Test
    void aLeaseThatCouldNotBeWrittenLeavesTheRelayWaitingForNotifications() {
        RelayPolling polling = new RelayPolling(50, LEASE);
        for (long now = 0; now <= 500; now += 10) {
            polling.notified(now);
        }
        polling.leaseFailed();
        assertFalse(polling.leaseDue(600));
        assertFalse(polling.polling(600), "without a lease the trigger still notifies: nothing to poll for");
    }

    @Test
    void pollAboveZeroNeverPolls() {
        RelayPolling polling = new RelayPolling(0, LEASE);
        for (long now = 0; now < 2_000; now++) {
            assertFalse(polling.notified(now));
        }
    }
}
