package io.lobsterops.monitoring.domain;

import java.time.Instant;
import java.util.UUID;

/** One probe of one gateway: the outcome, how long it took, and what it said (redacted, short). */
public record ProbeResult(UUID gatewayId, ProbeOutcome outcome, String detail, long latencyMillis, Instant at) {
}
