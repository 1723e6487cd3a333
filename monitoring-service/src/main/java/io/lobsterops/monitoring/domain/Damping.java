package io.lobsterops.monitoring.domain;

/**
 * Flap damping: a gateway is declared down after {@code failuresBeforeDown} failed probes in a row and up again after
 * {@code successesBeforeUp} good ones. A changed host key is never damped.
 */
public record Damping(int failuresBeforeDown, int successesBeforeUp) {

    public Damping {
        if (failuresBeforeDown < 1 || successesBeforeUp < 1) {
            throw new IllegalArgumentException("damping thresholds must be at least 1");
        }
    }
}
