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
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.lobsterops.kit.persistence.Found;
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

    public Uni<Void> opened(ReceivedEvent event, EngagementOpened opened) {
        return accounts.findById(opened.engagementId())
                .chain(existing -> existing != null ? Uni.createFrom().item(existing)
                        : accounts.persist(BillingAccount.open(opened.engagementId(), opened.clientId(),
                                opened.clientName(), opened.contactName(), opened.contactEmail(), opened.stage(),
                                opened.openedAt())))
                .chain(account -> activity.persist(new AccountActivity(account.engagementId, event.id(),
                        "Account opened for " + opened.clientName() + " (" + opened.clientId() + ")",
                        opened.openedAt())))
                .replaceWithVoid();
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
        return accounts.findVisible(engagementId, clientScope)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Billing account of engagement", engagementId))
                .chain(account -> activity.timeline(engagementId).map(lines -> new AccountWithTimeline(account, lines)));
    }

    @WithSession
    public Uni<Found<BillingAccount>> page(Optional<String> clientScope, int page, int size) {
        return accounts.page(clientScope, page, size)
                .chain(items -> accounts.countVisible(clientScope).map(total -> new Found<>(items, total)));
    }


    public record AccountWithTimeline(BillingAccount account, List<AccountActivity> timeline) {
    }
}
