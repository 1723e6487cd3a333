package io.lobsterops.billing.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.billing.api.BillingProblems;
import io.lobsterops.billing.domain.AccountActivity;
import io.lobsterops.billing.domain.BillingAccount;
import io.lobsterops.billing.domain.Contract;
import io.lobsterops.billing.domain.Invoice;
import io.lobsterops.billing.domain.InvoiceLine;
import io.lobsterops.billing.persistence.AccountActivityRepository;
import io.lobsterops.billing.persistence.BillingAccountRepository;
import io.lobsterops.billing.persistence.ContractRepository;
import io.lobsterops.billing.persistence.InvoiceRepository;
import io.lobsterops.events.AgentStable;
import io.lobsterops.events.BalanceTrigger;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.kit.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The balance invoice, once per engagement, when the contract in force makes it due: at {@code agent.stable}, or at
 * the client's acceptance ({@link AcceptanceBilling} for the client's own {@code agent.accepted}, a supervisor's
 * record here).
 */
@ApplicationScoped
public class BalanceInvoice {

    private final BillingAccountRepository accounts;
    private final ContractRepository contracts;
    private final InvoiceRepository invoices;
    private final ContractService contractService;
    private final InvoiceIssuer issuer;
    private final AccountActivityRepository activity;

    public BalanceInvoice(BillingAccountRepository accounts, ContractRepository contracts, InvoiceRepository invoices,
            ContractService contractService, InvoiceIssuer issuer, AccountActivityRepository activity) {
        this.accounts = accounts;
        this.contracts = contracts;
        this.invoices = invoices;
        this.contractService = contractService;
        this.issuer = issuer;
        this.activity = activity;
    }

    /** {@code agent.stable}: the balance is due when the contract in force says so; invoiced once. */
    public Uni<Void> agentStable(AgentStable stable) {
        return accounts.findById(stable.engagementId()).chain(account -> account == null
                ? Uni.createFrom().voidItem()
                : contracts.inForce(account.engagementId).chain(contract -> {
                    if (contract == null || contract.balanceDueOn != BalanceTrigger.AGENT_STABLE
                            || contract.balanceCents <= 0) {
                        return Uni.createFrom().voidItem();
                    }
                    return balanceInvoice(account, contract).replaceWithVoid();
                }));
    }

    /** The balance invoice of {@code contract}, unless the engagement has one already. */
    public Uni<Invoice> balanceInvoice(BillingAccount account, Contract contract) {
        return invoices.ofKind(account.engagementId, InvoiceKind.BALANCE).chain(existing -> existing != null
                ? Uni.createFrom().nullItem()
                : issuer.issue(contractService.draftFor(account, contract, InvoiceKind.BALANCE, null,
                        List.of(InvoiceLine.of("Balance (" + (100 - contract.depositPercent)
                                + " %) on the build of the " + contract.tier + " agent, on delivery", 1,
                                contract.balanceCents)))));
    }

    /**
     * A supervisor records the client's acceptance of the delivery: the balance invoice when the contract in force
     * makes it due then. Audited on the account's timeline (who recorded it, who accepted, the note).
     */
    @WithTransaction
    public Uni<Invoice> clientAccepted(UUID engagementId, String acceptedBy, String note, String by) {
        return accounts.findById(engagementId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Engagement", engagementId))
                .chain(account -> contracts.inForce(engagementId).chain(contract -> {
                    if (contract == null || contract.balanceDueOn != BalanceTrigger.CLIENT_ACCEPTANCE) {
                        return Uni.createFrom().failure(new ProblemException(BillingProblems.BALANCE_NOT_ON_ACCEPTANCE,
                                contract == null
                                ? "Engagement " + engagementId + " has no signed contract."
                                : "The contract in force (v" + contract.version + ") bills the balance on "
                                        + contract.balanceDueOn + "."));
                    }
                    return balanceInvoice(account, contract).onItem().ifNull().failWith(() -> ProblemException
                            .conflict("The balance of engagement " + engagementId + " is already invoiced."))
                            .call(invoice -> activity.persist(new AccountActivity(engagementId,
                                    "acceptance-" + invoice.id, "Client acceptance by " + acceptedBy
                                            + " recorded by " + by + (note == null ? "" : ": " + note)
                                            + "; balance invoice " + invoice.number, Clock.now())));
                }));
    }
}
