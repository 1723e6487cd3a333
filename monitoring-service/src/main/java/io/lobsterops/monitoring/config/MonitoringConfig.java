package io.lobsterops.monitoring.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** monitoring-service settings. */
@ConfigMapping(prefix = "lobsterops.monitoring")
public interface MonitoringConfig {

    StabilityWindow stabilityWindow();

    Probes probes();

    Escalations escalations();

    Usage usage();

    Optimizer optimizer();

    Reports reports();

    /** After go-live (stage LIVE) the gateway must run clean this long before monitoring declares it stable. */
    interface StabilityWindow {

        @WithDefault("24h")
        Duration duration();

        /** The window of an engagement in a sensitive sector. */
        @WithDefault("48h")
        Duration sensitiveDuration();

        /** Sectors (engagement.opened's sector, case-insensitive) that get the longer window. */
        @WithDefault("health,healthcare,medical,legal,finance,banking,insurance")
        List<String> sensitiveSectors();

        /** How often the windows that reached their end are looked at. */
        @WithDefault("30s")
        String checkEvery();
    }

    /** The health sweep over SSH (monitoring's own key) and its flap damping. */
    interface Probes {

        /** How often every gateway's /readyz is asked, through the host's kept SSH connection. */
        @WithDefault("15s")
        String readyEvery();

        /** How often the forced status command (status, version, RSS) runs per host. */
        @WithDefault("5m")
        String statusEvery();

        @WithDefault("3")
        int failuresBeforeDown();

        @WithDefault("2")
        int successesBeforeUp();

        /** One /readyz request through the forwarding channel. */
        @WithDefault("5s")
        Duration requestTimeout();

        @WithDefault("5s")
        Duration connectTimeout();

        /** Forwarding channels in flight per host connection, below sshd's MaxSessions (10 by default). */
        @WithDefault("8")
        int channelsPerHost();

        /** First wait before reconnecting to a host whose connection dropped; doubled up to {@link #reconnectMax}. */
        @WithDefault("1s")
        Duration reconnectMin();

        @WithDefault("60s")
        Duration reconnectMax();

        /** The user monitoring logs in as on every host (provisioning installs monitoring's key for it). */
        Optional<String> sshUser();

        /** monitoring's own private key (OpenSSH format), a file from its secret; no probe runs without it. */
        Optional<String> privateKeyFile();

        /** Whether the scheduled sweep runs (off in tests that drive probes themselves). */
        @WithDefault("true")
        boolean enabled();
    }

    interface Escalations {

        /** How often the rules over gateways and open escalations are evaluated. */
        @WithDefault("15s")
        String evaluateEvery();

        /** A gateway down (any failure state) longer than this is escalated. */
        @WithDefault("5m")
        Duration gatewayDownAfter();

        /** An escalation whose rule has not fired for this long resolves by itself. */
        @WithDefault("30m")
        Duration quietPeriod();

        /** Quality is judged on the mean of this many last scored runs. */
        @WithDefault("5")
        int qualityRuns();

        @WithDefault("0.70")
        double qualityFloor();

        /** A gateway's RSS above this many bytes is escalated with a restart recommendation. */
        @WithDefault("2147483648")
        long memoryHighBytes();

        /** Or growing faster than this many bytes per hour between two status probes. */
        @WithDefault("268435456")
        long memoryGrowthBytesPerHour();

        /** A day costing more than this factor times the trailing median is an anomaly. */
        @WithDefault("3.0")
        double anomalyFactor();

        /** The trailing median needs at least this many earlier days. */
        @WithDefault("7")
        int anomalyHistoryDays();
    }

    interface Usage {

        /** How often each gateway's usage is read through the forced command. */
        @WithDefault("1h")
        String readEvery();

        /** The agents read on every gateway (provisioning onboards one agent, {@code main}). */
        @WithDefault("main")
        List<String> agents();

        /** The budget warning threshold, in percent of the monthly budget. */
        @WithDefault("80")
        int warnAtPercent();
    }

    interface Optimizer {

        @WithDefault("10")
        int minimumRecords();

        /** Mean quality an activity needs (with ≥ 90 % success) before a slower cadence is proposed. */
        @WithDefault("0.85")
        double promotionQuality();
    }

    interface Reports {

        /**
         * When the monthly reports of the month that ended are rendered (Quartz cron, UTC): 06:00 on the 1st. The
         * scheduler reads the same property; {@code off} disables it (tests).
         */
        @WithDefault("0 0 6 1 * ?")
        String cron();

        /** Below this availability (percent) a report recommends looking at the gateway's host. */
        @WithDefault("99.5")
        double availabilityTarget();
    }
}
