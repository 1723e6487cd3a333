package io.lobsterops.billing.api;

import java.time.Instant;
import java.util.UUID;

import io.lobsterops.billing.domain.Contract;
import io.lobsterops.billing.domain.Contract.ContractStatus;
import io.lobsterops.events.BalanceTrigger;
import io.lobsterops.events.TokenPayer;

public record ContractView(UUID id, UUID engagementId, String clientId, int version, ContractStatus status, String tier,
        String currency, String clientCountry, long buildPriceCents, int depositPercent, long depositCents,
        long balanceCents, BalanceTrigger balanceDueOn, long maintenanceMonthlyCents, TokenPayer tokenPayer,
        int tokenMarkupBasisPoints, long monthlyTokenBudgetUsdCents, boolean pauseAtBudget, int paymentTermsDays,
        String draftedBy, Instant draftedAt, String signedBy, Instant signedAt, UUID depositInvoiceId) {

    public static ContractView from(Contract c) {
        return from(c, null);
    }

    public static ContractView from(Contract c, UUID depositInvoiceId) {
        return new ContractView(c.id, c.engagementId, c.clientId, c.version, c.status, c.tier, c.currency,
                c.clientCountry, c.buildPriceCents, c.depositPercent, c.depositCents, c.balanceCents, c.balanceDueOn,
                c.maintenanceMonthlyCents, c.tokenPayer, c.tokenMarkupBasisPoints, c.monthlyTokenBudgetUsdCents,
                c.pauseAtBudget, c.paymentTermsDays, c.draftedBy, c.draftedAt, c.signedBy, c.signedAt,
                depositInvoiceId);
    }
}
