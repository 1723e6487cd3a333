package io.lobsterops.billing.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.lobsterops.billing.api.BillingProblems;
import io.lobsterops.billing.domain.BillingAccount;
import io.lobsterops.billing.domain.BillingAccount.AccountStatus;
import io.lobsterops.billing.domain.Contract;
import io.lobsterops.billing.domain.Contract.ContractStatus;
import io.lobsterops.billing.domain.Invoice;
import io.lobsterops.billing.domain.InvoiceLine;
import io.lobsterops.billing.persistence.BillingAccountRepository;
import io.lobsterops.billing.persistence.ContractRepository;
import io.lobsterops.billing.persistence.InvoiceRepository;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.kit.api.ProblemException;
import io.lobsterops.kit.messaging.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Contracts: an engineer drafts versions, a supervisor signs the newest one. The signature publishes
 * {@code contract.signed} and issues the deposit invoice in the same transaction.
 */
@ApplicationScoped
public class ContractService {

    private static final Logger LOG = Logger.getLogger(ContractService.class);

    private final BillingAccountRepository accounts;
    private final ContractRepository contracts;
    private final InvoiceRepository invoices;
    private final InvoiceIssuer issuer;
    private final Outbox outbox;

    public ContractService(BillingAccountRepository accounts, ContractRepository contracts, InvoiceRepository invoices,
            InvoiceIssuer issuer, Outbox outbox) {
        this.accounts = accounts;
        this.contracts = contracts;
        this.invoices = invoices;
        this.issuer = issuer;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Contract> draft(UUID engagementId, Contract.Terms terms, String by) {
        return openAccount(engagementId).chain(account -> contracts.latest(engagementId)
                .chain(latest -> contracts.persist(Contract.draft(engagementId, account.clientId,
                        latest == null ? 1 : latest.version + 1, terms, by, Clock.now()))));
    }

    /**
     * Signs version {@code version}: it must be the newest and still a draft. The version it amends is superseded;
     * the first signature of an engagement issues its deposit invoice.
     */
    @WithTransaction
    public Uni<Signed> sign(UUID engagementId, int version, String by) {
        return openAccount(engagementId).chain(account -> contracts.versionForUpdate(engagementId, version)
                .onItem().ifNull().failWith(() -> ProblemException.notFound(
                        "Version " + version + " of the contract of engagement", engagementId))
                .call(contract -> contract.status != ContractStatus.DRAFT
                        ? Uni.createFrom().failure(new ProblemException(BillingProblems.CONTRACT_SIGNED,
                                "Version " + version + " is " + contract.status
                                        + "; draft an amendment (a new version) to change the terms."))
                        : contracts.latest(engagementId).invoke(latest -> {
                            if (latest.version != version) {
                                throw new ProblemException(BillingProblems.CONTRACT_NOT_LATEST, "Version " + version
                                        + " is not the newest; sign version " + latest.version + ".");
                            }
                        }))
                .call(contract -> contracts.inForce(engagementId)
                        .invoke(previous -> {
                            if (previous != null) {
                                previous.supersede();
                            }
                        }))
                .invoke(contract -> contract.sign(by, Clock.now()))
                .call(contract -> outbox.append(contract.signedEvent()))
                .chain(contract -> depositInvoice(account, contract)
                        .map(deposit -> new Signed(contract, deposit))));
    }

    private Uni<Invoice> depositInvoice(BillingAccount account, Contract contract) {
        if (contract.depositCents <= 0) {
            return Uni.createFrom().nullItem();
        }
        return invoices.ofKind(contract.engagementId, InvoiceKind.DEPOSIT).chain(existing -> {
            if (existing != null) {
                LOG.infof("contract %s v%d signed; the deposit was invoiced before (%s)", contract.engagementId,
                        contract.version, existing.number);
                return Uni.createFrom().nullItem();
            }
            InvoiceLine line = InvoiceLine.of("Deposit (" + contract.depositPercent + " %) on the build of the "
                    + contract.tier + " agent, contract v" + contract.version, 1, contract.depositCents);
            return issuer.issue(draftFor(account, contract, InvoiceKind.DEPOSIT, null, List.of(line)));
        });
    }

    /** An invoice of {@code contract}'s terms (currency, country, VAT, payment terms). */
    public InvoiceIssuer.Draft draftFor(BillingAccount account, Contract contract, InvoiceKind kind, String period,
            List<InvoiceLine> lines) {
        Integer vat = issuer.vatRate(contract.clientCountry);
        if (vat == null) {
            throw new IllegalStateException("no VAT rate configured for " + contract.clientCountry);
        }
        return new InvoiceIssuer.Draft(account, contract.id, kind, period, null, null, contract.currency,
                contract.clientCountry, vat, contract.paymentTermsDays, lines, null, null);
    }

    @WithSession
    public Uni<Contract> current(UUID engagementId) {
        return contracts.latest(engagementId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Contract of engagement", engagementId));
    }

    @WithSession
    public Uni<List<Contract>> versions(UUID engagementId) {
        return accounts.findById(engagementId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Engagement", engagementId))
                .chain(account -> contracts.versions(engagementId));
    }

    /** The engagement's account, locked: drafts and signatures of one engagement take their turn (version numbers). */
    private Uni<BillingAccount> openAccount(UUID engagementId) {
        return accounts.findById(engagementId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Engagement", engagementId))
                .invoke(account -> {
                    if (account.status == AccountStatus.CLOSED) {
                        throw new ProblemException(BillingProblems.ACCOUNT_CLOSED, "Engagement " + engagementId
                                + " is terminated; its contract can no longer change.");
                    }
                });
    }

    public record Signed(Contract contract, Invoice deposit) {
    }
}
