package io.lobsterops.billing.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.lobsterops.billing.domain.UsageDay;

/** One client/agent/day of model usage as last recorded, and how much of its cost is billed. */
public record UsageView(UUID usageId, String agentId, LocalDate day, String model, long inputTokens,
        long outputTokens, long costMicroUsd, long billedMicroUsd, boolean unpricedTokens, Instant recordedAt) {

    public static UsageView from(UsageDay d) {
        return new UsageView(d.usageId, d.agentId, d.day, d.model, d.inputTokens, d.outputTokens, d.costMicroUsd,
                d.billedMicroUsd, d.unpricedTokens, d.recordedAt);
    }
}
