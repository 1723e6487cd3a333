package io.lobsterops.monitoring.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An engagement's monthly model budget in US cents: from the signed contract (contract.signed), or set by a
 * supervisor meanwhile. A later signed contract replaces a supervisor's figure; {@code pauseAtBudget} says whether
 * spending all of it pauses the agent.
 */
@Entity
@Table(name = "token_budget")
public class TokenBudget {

    public enum Source {
        CONTRACT,
        SUPERVISOR
    }

    @Id
    @Column(name = "engagement_id")
    public UUID engagementId;

    @Column(name = "client_id", nullable = false)
    public String clientId;

    @Column(name = "monthly_usd_cents", nullable = false)
    public long monthlyUsdCents;

    @Column(name = "pause_at_budget", nullable = false)
    public boolean pauseAtBudget;

    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Source source;

    @Column(name = "set_by", nullable = false)
    public String setBy;

    @Column(name = "set_at", nullable = false)
    public Instant setAt;

    protected TokenBudget() {
    }

    public static TokenBudget of(UUID engagementId, String clientId) {
        TokenBudget budget = new TokenBudget();
        budget.engagementId = engagementId;
        budget.clientId = clientId;
        return budget;
    }

    public void set(long monthlyUsdCents, boolean pauseAtBudget, Source source, String by, Instant at) {
        this.monthlyUsdCents = monthlyUsdCents;
        this.pauseAtBudget = pauseAtBudget;
        this.source = source;
        this.setBy = by;
        this.setAt = at;
    }

    /** The share of the budget {@code spentMicroUsd} uses, in percent (0 when there is no budget). */
    public long percentUsed(long spentMicroUsd) {
        if (monthlyUsdCents <= 0) {
            return 0;
        }
        return spentMicroUsd * 100 / (monthlyUsdCents * 10_000);
    }
}
