package io.lobsterops.monitoring.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** monitoring-service settings. */
@ConfigMapping(prefix = "lobsterops.monitoring")
public interface MonitoringConfig {

    StabilityWindow stabilityWindow();

    /** After go-live (stage LIVE) the gateway must run clean this long before the engagement may become STABLE. */
    interface StabilityWindow {

        /** The earliest a clean window may end. */
        @WithDefault("24h")
        Duration minimum();

        /** The latest it ends: by then the engagement is declared stable or escalated. */
        @WithDefault("48h")
        Duration maximum();
    }
}
