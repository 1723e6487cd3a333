package io.lobsterops.billing.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.billing.domain.ServicePause;
import io.lobsterops.billing.domain.UsageDay;
import io.lobsterops.billing.persistence.BillingAccountRepository;
import io.lobsterops.billing.persistence.ServicePauseRepository;
import io.lobsterops.billing.persistence.UsageDayRepository;
import io.lobsterops.events.AgentResumed;
import io.lobsterops.events.AgentSuspended;
import io.lobsterops.events.UsageRecorded;
import io.smallrye.mutiny.Uni;

/**
 * What the cycle bills from, as the events tell it: the agent's suspensions (not billed) and its usage days. Runs
 * inside the inbox's transaction.
 */
@ApplicationScoped
public class ServiceRecord {

    private final BillingAccountRepository accounts;
    private final ServicePauseRepository pauses;
    private final UsageDayRepository usage;

    public ServiceRecord(BillingAccountRepository accounts, ServicePauseRepository pauses, UsageDayRepository usage) {
        this.accounts = accounts;
        this.pauses = pauses;
        this.usage = usage;
    }

    public Uni<Void> suspended(AgentSuspended suspended) {
        return accounts.findById(suspended.engagementId()).chain(account -> account == null
                ? Uni.createFrom().voidItem()
                : pauses.open(account.engagementId).chain(open -> open != null ? Uni.createFrom().voidItem()
                        : pauses.persist(new ServicePause(account.engagementId, suspended.suspendedAt()))
                                .replaceWithVoid()));
    }

    public Uni<Void> resumed(AgentResumed resumed) {
        return pauses.open(resumed.engagementId()).invoke(open -> {
            if (open != null) {
                open.resumed(resumed.resumedAt());
            }
        }).replaceWithVoid();
    }

    /** {@code usage.recorded}: the day's figures replace the earlier ones (a replay changes nothing). */
    public Uni<Void> usageRecorded(UsageRecorded recorded) {
        return usage.findById(recorded.usageId()).chain(day -> {
            if (day == null) {
                return usage.persist(UsageDay.of(recorded)).replaceWithVoid();
            }
            day.replaceWith(recorded);   // an older count arriving late changes nothing
            return Uni.createFrom().voidItem();
        });
    }
}
