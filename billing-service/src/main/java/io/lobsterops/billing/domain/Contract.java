package io.lobsterops.billing.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.lobsterops.events.BalanceTrigger;
import io.lobsterops.events.ContractSigned;
import io.lobsterops.events.TokenPayer;

/**
 * One version of an engagement's contract: its money terms. Every draft is a new version; a supervisor signs the
 * newest, after which it never changes (the database refuses it too) and an amendment is the next version.
 */
@Entity
@Table(name = "contract")
public class Contract {

    @Id
    public UUID id;

    @Column(name = "engagement_id", nullable = false)
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(nullable = false)
    public int version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ContractStatus status;

    @Column(nullable = false)
    public String tier;

    @Column(nullable = false)
    public String currency;

    @Column(name = "client_country", nullable = false)
    public String clientCountry;

    @Column(name = "build_price_cents", nullable = false)
    public long buildPriceCents;

    @Column(name = "deposit_percent", nullable = false)
    public int depositPercent;

    @Column(name = "deposit_cents", nullable = false)
    public long depositCents;

    @Column(name = "balance_cents", nullable = false)
    public long balanceCents;

    @Enumerated(EnumType.STRING)
    @Column(name = "balance_due_on", nullable = false)
    public BalanceTrigger balanceDueOn;

    @Column(name = "maintenance_monthly_cents", nullable = false)
    public long maintenanceMonthlyCents;

    @Enumerated(EnumType.STRING)
    @Column(name = "token_payer", nullable = false)
    public TokenPayer tokenPayer;

    @Column(name = "token_markup_basis_points", nullable = false)
    public int tokenMarkupBasisPoints;

    @Column(name = "monthly_token_budget_usd_cents", nullable = false)
    public long monthlyTokenBudgetUsdCents;

    @Column(name = "pause_at_budget", nullable = false)
    public boolean pauseAtBudget;

    @Column(name = "payment_terms_days", nullable = false)
    public int paymentTermsDays;

    @Column(name = "drafted_by", nullable = false)
    public String draftedBy;

    @Column(name = "drafted_at", nullable = false)
    public Instant draftedAt;

    @Column(name = "signed_by")
    public String signedBy;

    @Column(name = "signed_at")
    public Instant signedAt;

    protected Contract() {
    }

    /** A new draft version; the deposit is the given share of the build price, the balance the rest. */
    public static Contract draft(UUID engagementId, String clientId, int version, Terms terms, String by, Instant at) {
        Contract c = new Contract();
        c.id = UUID.randomUUID();
        c.engagementId = engagementId;
        c.clientId = clientId;
        c.version = version;
        c.status = ContractStatus.DRAFT;
        c.tier = terms.tier();
        c.currency = terms.currency();
        c.clientCountry = terms.clientCountry();
        c.buildPriceCents = terms.buildPriceCents();
        c.depositPercent = terms.depositPercent();
        c.depositCents = Math.round(terms.buildPriceCents() * terms.depositPercent() / 100.0);
        c.balanceCents = terms.buildPriceCents() - c.depositCents;
        c.balanceDueOn = terms.balanceDueOn();
        c.maintenanceMonthlyCents = terms.maintenanceMonthlyCents();
        c.tokenPayer = terms.tokenPayer();
        c.tokenMarkupBasisPoints = terms.tokenMarkupBasisPoints();
        c.monthlyTokenBudgetUsdCents = terms.monthlyTokenBudgetUsdCents();
        c.pauseAtBudget = terms.pauseAtBudget();
        c.paymentTermsDays = terms.paymentTermsDays();
        c.draftedBy = by;
        c.draftedAt = at;
        return c;
    }

    public boolean isSigned() {
        return status == ContractStatus.SIGNED;
    }

    public void sign(String by, Instant at) {
        if (status != ContractStatus.DRAFT) {
            throw new IllegalStateException("contract " + id + " is " + status);
        }
        status = ContractStatus.SIGNED;
        signedBy = by;
        signedAt = at;
    }

    /** A newer version was signed: this one no longer applies. */
    public void supersede() {
        status = ContractStatus.SUPERSEDED;
    }

    public ContractSigned signedEvent() {
        return new ContractSigned(engagementId, clientId, id, version, tier, currency, buildPriceCents, depositCents,
                balanceCents, balanceDueOn, maintenanceMonthlyCents, tokenPayer, tokenMarkupBasisPoints,
                monthlyTokenBudgetUsdCents, pauseAtBudget, signedBy, signedAt);
    }

    /** What an engineer drafts. */
    public record Terms(String tier, String currency, String clientCountry, long buildPriceCents, int depositPercent,
            BalanceTrigger balanceDueOn, long maintenanceMonthlyCents, TokenPayer tokenPayer,
            int tokenMarkupBasisPoints, long monthlyTokenBudgetUsdCents, boolean pauseAtBudget,
            int paymentTermsDays) {
    }

    public enum ContractStatus {
        DRAFT,
        SIGNED,
        SUPERSEDED
    }
}
