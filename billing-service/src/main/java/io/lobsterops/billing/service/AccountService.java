package io.lobsterops.billing.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.lobsterops.billing.domain.AccountActivity;
import io.lobsterops.billing.domain.BillingAccount;
import io.lobsterops.billing.persistence.AccountActivityRepository;
import io.lobsterops.billing.persistence.BillingAccountRepository;
import io.lobsterops.events.ClientRenamed;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.lobsterops.kit.messaging.TypedEvent;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Billing accounts follow the engagements: opened on {@code engagement.opened}, updated on each stage change. The
 * event methods run inside the inbox's transaction (see {@code EngagementEventsConsumer}).
 */
@ApplicationScoped
public class AccountService {

    private final BillingAccountRepository accounts;
    private final AccountActivityRepository activity;

    public AccountService(BillingAccountRepository accounts, AccountActivityRepository activity) {
        this.accounts = accounts;
        this.activity = activity;
    }

    /**
     * The engagement.opened events of a polled batch, fresh ones in record order (the consumer's batch route, ADR
     * 0060): one multi-row insert of their accounts — an account that exists already is kept — and one of their
     * timeline lines, nothing loaded per event. One event alone (a batch of one, or the inbox's one-at-a-time
     * fallback after a failed batch) takes the same path.
     */
    public Uni<Void> openedAll(List<TypedEvent<EngagementOpened>> events) {
        List<BillingAccount> opened = events.stream().map(TypedEvent::payload)
                .map(o -> BillingAccount.open(o.engagementId(), o.clientId(), o.clientName(), o.contactName(),
                        o.contactEmail(), o.stage(), o.openedAt()))
                .toList();
        List<AccountActivity> lines = events.stream()
                .map(each -> new AccountActivity(each.payload().engagementId(), each.event().id(),
                        "Account opened for " + each.payload().clientName() + " (" + each.payload().clientId() + ")",
                        each.payload().openedAt()))
                .toList();
        return accounts.insertNew(opened).chain(() -> activity.insertAll(lines));
    }

    /** Locks the account row (a termination bills the last month, as a cycle run does under the same lock). */
    public Uni<Void> stageChanged(ReceivedEvent event, EngagementStageChanged changed) {
        return accounts.findById(changed.engagementId(), LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> new IllegalStateException("no billing account for engagement "
                        + changed.engagementId() + " (its engagement.opened was not processed)"))
                .invoke(account -> account.engagementMovedTo(changed.to(), changed.changedAt()))
                .chain(account -> activity.persist(new AccountActivity(account.engagementId, event.id(),
                        "Engagement moved from " + changed.from() + " to " + changed.to()
                                + (changed.reason() == null ? "" : ": " + changed.reason()),
                        changed.changedAt())))
                .replaceWithVoid();
    }

    /**
     * provisioning's client.renamed: each of the client's accounts takes the new name for the invoices to come, with a
     * line on its timeline; issued invoices keep the name they were issued with. A duplicate, or a client without an
     * account here, changes nothing.
     */
    public Uni<Void> clientRenamed(ReceivedEvent event, ClientRenamed renamed) {
        return accounts.ofClientLocked(renamed.clientId()).chain(list -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (BillingAccount account : list) {
                if (account.clientRenamed(renamed.newName(), renamed.renamedAt())) {
                    chain = chain.chain(() -> activity.persist(new AccountActivity(account.engagementId, event.id(),
                            "Client renamed from " + renamed.oldName() + " to " + renamed.newName()
                                    + " by " + renamed.renamedBy() + ": " + renamed.reason(), renamed.renamedAt()))
                            .replaceWithVoid());
                }
            }
            return chain;
        });
    }

    @WithSession
    public Uni<AccountWithTimeline> find(UUID engagementId, Optional<String> clientScope) {
        return accounts.requireVisible(engagementId, clientScope, "Billing account of engagement")
                .chain(account -> activity.timeline(engagementId).map(lines -> new AccountWithTimeline(account, lines)));
    }

    @WithSession
    public Uni<PageView<BillingAccount>> page(Optional<String> clientScope, int page, int size) {
        return accounts.page(clientScope, page, size);
    }


    public record AccountWithTimeline(BillingAccount account, List<AccountActivity> timeline) {
    }
}
