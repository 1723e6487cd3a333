package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/** {@value EventTypes#CONTRACT_SIGNED}: a supervisor signed a contract version; its money terms from now on (billing-service). */
public record ContractSigned(
        UUID engagementId,
        String clientId,
        UUID contractId,
        int version,
        String tier,
        String currency,
        long buildPriceCents,
        long depositCents,
        long balanceCents,
        BalanceTrigger balanceDueOn,
        long maintenanceMonthlyCents,
        TokenPayer tokenPayer,
        int tokenMarkupBasisPoints,
        long monthlyTokenBudgetUsdCents,
        boolean pauseAtBudget,
        String signedBy,
        Instant signedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.CONTRACT_SIGNED;
    }
}
