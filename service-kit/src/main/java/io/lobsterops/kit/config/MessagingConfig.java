package io.lobsterops.kit.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Reliable messaging settings shared by every service (outbox relay, idempotent consumer). */
@ConfigMapping(prefix = "lobsterops.messaging")
public interface MessagingConfig {

    /** CloudEvent {@code source} of the events this service publishes, one of {@code EventSources}. */
    String source();

    /**
     * The topic engagement events are published to and consumed from. Tests use their own, one per module
     * ({@code engagement-events-test-<module>}), so a test run and a local platform on the same broker never read each
     * other's events, and no module's tests read another module's.
     */
    @WithDefault("engagement-events")
    String topic();

    /** Name under which this service records the events it processed (its consumer group). */
    String consumerName();

    Relay relay();

    Inbox inbox();

    interface Relay {

        /** Off only to stage a crash between commit and publication in tests. */
        @WithDefault("true")
        boolean enabled();

        /** Outbox rows read, published and marked per round trip. */
        @WithDefault("500")
        int batchSize();

        /** How long a batch may wait for the broker's acknowledgements before the round is abandoned and retried. */
        @WithDefault("15s")
        Duration sendTimeout();

        /** Pause after a failed round (broker or database down) before the next attempt. */
        @WithDefault("1s")
        Duration failureBackoff();

        /**
         * How long after this service's last append (or a notification) the relay keeps sweeping the outbox; an idle
         * relay sweeps no more (ADR 0061).
         */
        @WithDefault("1m")
        Duration idleAfter();

        /**
         * Listen for committed outbox rows from the start rather than from this service's first append: for a relay
         * whose outbox another program writes (the event-pipeline benchmark).
         */
        @WithDefault("false")
        boolean listenAtStart();

        /**
         * Notifications a second above which the relay polls the outbox instead and tells the insert trigger to
         * notify no more (a NOTIFY serializes the commits that send one, ADR 0072); 0 never polls.
         */
        @WithDefault("50")
        int pollAbove();

        /** How often a polling relay looks at the outbox. */
        @WithDefault("20ms")
        Duration pollInterval();

        /**
         * How long a polling relay's lease keeps the trigger silent; renewed while rows keep coming, and the relay
         * polls one more lease after it ends (the grace for a transaction that commits late).
         */
        @WithDefault("5s")
        Duration pollLease();

        /** Published rows are kept this long for audit and replay, then deleted. */
        @WithDefault("7d")
        Duration retention();
    }

    interface Inbox {

        /** Attempts at processing one event before it goes to the dead-letter topic. */
        @WithDefault("3")
        int maxAttempts();

        @WithDefault("100ms")
        Duration initialBackoff();
    }
}
