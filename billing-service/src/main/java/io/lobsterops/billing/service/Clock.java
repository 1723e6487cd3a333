package io.lobsterops.billing.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Now, at the database's precision (microseconds), so what is stored reads back equal. */
public final class Clock {

    private Clock() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
