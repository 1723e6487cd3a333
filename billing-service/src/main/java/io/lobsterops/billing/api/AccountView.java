package io.lobsterops.billing.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.lobsterops.billing.domain.AccountActivity;
import io.lobsterops.billing.domain.BillingAccount;
import io.lobsterops.billing.domain.BillingAccount.AccountStatus;
import io.lobsterops.billing.service.AccountService.AccountWithTimeline;
import io.lobsterops.events.Stage;

/**
 * A billing account. Its timeline is the agency's (stage changes with their reasons, who recorded an acceptance): a
 * client's view has none, its timeline is provisioning's client lines (ADR 0052).
 */
public record AccountView(UUID engagementId, String clientId, String clientName, String billingContact,
        String billingEmail, String currency, AccountStatus status, Stage engagementStage, Instant openedAt,
        Instant updatedAt, List<ActivityView> timeline) {

    public static AccountView from(AccountWithTimeline found, boolean staff) {
        return from(found.account(), staff ? found.timeline() : null);
    }

    public static AccountView from(BillingAccount a, List<AccountActivity> timeline) {
        return new AccountView(a.engagementId, a.clientId, a.clientName, a.billingContact, a.billingEmail, a.currency,
                a.status, a.engagementStage, a.openedAt, a.updatedAt,
                timeline == null ? null
                        : timeline.stream().map(line -> new ActivityView(line.summary, line.occurredAt)).toList());
    }

    public record ActivityView(String summary, Instant occurredAt) {
    }
}
