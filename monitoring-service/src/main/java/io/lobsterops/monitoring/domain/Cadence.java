package io.lobsterops.monitoring.domain;

import java.util.Optional;

/** How often an activity runs: hourly while it is bootstrapped, then daily, then weekly once it proves itself. */
public enum Cadence {
    HOURLY,
    DAILY,
    WEEKLY;

    /** The next, slower cadence; none after WEEKLY. */
    public Optional<Cadence> slower() {
        return switch (this) {
            case HOURLY -> Optional.of(DAILY);
            case DAILY -> Optional.of(WEEKLY);
            case WEEKLY -> Optional.empty();
        };
    }
}
