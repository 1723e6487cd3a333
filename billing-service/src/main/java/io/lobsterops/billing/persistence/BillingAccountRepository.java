package io.lobsterops.billing.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.billing.domain.BillingAccount;
import io.lobsterops.kit.api.PageView;
import io.lobsterops.kit.persistence.ClientScoped;
import io.lobsterops.kit.persistence.Where;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Billing accounts, read within the caller's tenant scope. */
@ApplicationScoped
public class BillingAccountRepository implements ClientScoped<BillingAccount, UUID> {

    private static final String INSERT_NEW = """
            insert into billing_account (engagement_id, client_id, client_name, billing_contact, billing_email,
                                         currency, status, engagement_stage, opened_at, updated_at)
            values %s
            on conflict (engagement_id) do nothing""";

    /**
     * Inserts new accounts with one statement per {@link NativeRows#CHUNK} of them, nothing loaded or managed; an
     * account that exists already (its engagement.opened delivered again under another id) is kept as it is.
     */
    public Uni<Void> insertNew(List<BillingAccount> opened) {
        return NativeRows.insert(INSERT_NEW, 10, opened, (account, row) -> row
                .add(account.engagementId).add(account.clientId).add(account.clientName)
                .add(account.billingContact).add(account.billingEmail).add(account.currency)
                .add(account.status.name()).add(account.engagementStage.name())
                .add(NativeRows.utc(account.openedAt)).add(NativeRows.utc(account.updatedAt)));
    }

    @Override
    public String idPath() {
        return "engagementId";
    }

    /** Every account of the client, each row locked until the transaction ends (an invoice may be issued from it). */
    public Uni<List<BillingAccount>> ofClientLocked(String clientId) {
        return find("clientId", clientId).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The accounts {@code clientScope} may see, newest first. */
    public Uni<PageView<BillingAccount>> page(Optional<String> clientScope, int page, int size) {
        return pageVisible(clientScope, Where.all(), Sort.descending("openedAt").and("engagementId"), page, size);
    }
}
