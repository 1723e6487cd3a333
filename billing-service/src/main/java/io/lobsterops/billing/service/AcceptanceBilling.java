package io.lobsterops.billing.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.lobsterops.billing.domain.AccountActivity;
import io.lobsterops.billing.persistence.AccountActivityRepository;
import io.lobsterops.billing.persistence.BillingAccountRepository;
import io.lobsterops.billing.persistence.ContractRepository;
import io.lobsterops.events.AgentAccepted;
import io.lobsterops.events.BalanceTrigger;
import io.lobsterops.kit.messaging.ReceivedEvent;
import io.smallrye.mutiny.Uni;

/**
 * {@code agent.accepted}: the client accepted its agent with its own token (provisioning-service), so a contract whose
 * balance is due on {@link BalanceTrigger#CLIENT_ACCEPTANCE} bills it now — the fact is the event, no one has to
 * record it here by hand (ADR 0047). The acceptance goes on the account's timeline either way. Exactly once: the
 * account row is locked, {@link BalanceInvoice#balanceInvoice} issues nothing when the engagement has a balance invoice
 * (a duplicate, a replay with a new id, or a supervisor's {@code POST …/contract/acceptance} first), and the database
 * holds one balance per engagement. A contract that bills the balance at {@code agent.stable} ignores the event.
 * Runs inside the inbox's transaction.
 */
@ApplicationScoped
public class AcceptanceBilling {

    private static final Logger LOG = Logger.getLogger(AcceptanceBilling.class);

    private final BillingAccountRepository accounts;
    private final ContractRepository contracts;
    private final BalanceInvoice balance;
    private final AccountActivityRepository activity;

    public AcceptanceBilling(BillingAccountRepository accounts, ContractRepository contracts, BalanceInvoice balance,
            AccountActivityRepository activity) {
        this.accounts = accounts;
        this.contracts = contracts;
        this.balance = balance;
        this.activity = activity;
    }

    public Uni<Void> agentAccepted(ReceivedEvent event, AgentAccepted accepted) {
        return accounts.findById(accepted.engagementId(), LockModeType.PESSIMISTIC_WRITE).chain(account -> {
            if (account == null) {
                LOG.warnf("agent.accepted %s for engagement %s, which billing never opened: nothing to bill",
                        event.id(), accepted.engagementId());
                return Uni.createFrom().voidItem();
            }
            return contracts.inForce(account.engagementId).chain(contract -> {
                boolean due = contract != null && contract.balanceDueOn == BalanceTrigger.CLIENT_ACCEPTANCE
                        && contract.balanceCents > 0;
                return (due ? balance.balanceInvoice(account, contract) : Uni.createFrom().<io.lobsterops.billing
                        .domain.Invoice> nullItem())
                        .chain(invoice -> activity.persist(new AccountActivity(account.engagementId, event.id(),
                                "Client acceptance of the agent by " + accepted.acceptedBy()
                                        + (invoice == null ? "" : "; balance invoice " + invoice.number),
                                accepted.acceptedAt() == null ? Clock.now() : accepted.acceptedAt())));
            }).replaceWithVoid();
        });
    }
}
