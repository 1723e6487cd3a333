package io.lobsterops.monitoring.domain;

import java.time.LocalDate;

/**
 * What the gateway's own records say one agent used on one UTC day: tokens of every kind and the cost in millionths
 * of a US dollar as the gateway priced them. {@code unpriced} is true when tokens were spent at zero cost (a model
 * missing from the price table): an escalation, never a silent $0.
 */
public record UsageReading(String agentId, LocalDate day, String model, long inputTokens, long outputTokens,
        long cacheReadTokens, long cacheWriteTokens, long costMicroUsd, boolean finalForDay) {

    public boolean unpriced() {
        return costMicroUsd == 0 && inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens > 0;
    }
}
