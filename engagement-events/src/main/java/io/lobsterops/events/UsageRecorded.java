package io.lobsterops.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** {@value EventTypes#USAGE_RECORDED}: one client/agent/UTC day of model usage as the gateway counted it. {@code usageId} is deterministic per (gateway, agent, day): a later event with the same id replaces the earlier figures, it never adds to them (monitoring-service). */
public record UsageRecorded(
        UUID engagementId,
        String clientId,
        UUID usageId,
        UUID gatewayId,
        String agentId,
        LocalDate day,
        String model,
        long inputTokens,
        long outputTokens,
        long cacheReadTokens,
        long cacheWriteTokens,
        long costMicroUsd,
        boolean unpricedTokens,
        boolean finalForDay,
        Instant recordedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.USAGE_RECORDED;
    }
}
