package io.lobsterops.monitoring.service;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.events.AgentDeployed;
import io.lobsterops.events.AgentTerminated;
import io.lobsterops.events.AgentUpgradeRolledBack;
import io.lobsterops.events.AgentUpgraded;
import io.lobsterops.events.ConfigApproved;
import io.lobsterops.events.ConfigProposed;
import io.lobsterops.events.GoldSetEvaluated;
import io.lobsterops.events.InvoiceIssued;
import io.lobsterops.events.InvoicePaid;
import io.lobsterops.events.PaymentReceived;
import io.lobsterops.events.ScheduleChanged;
import io.lobsterops.monitoring.domain.ConfigReview;
import io.lobsterops.monitoring.domain.EngagementChange;
import io.lobsterops.monitoring.domain.EngagementChange.Kind;
import io.lobsterops.monitoring.domain.KnownInvoice;
import io.lobsterops.monitoring.persistence.ConfigReviewRepository;
import io.lobsterops.monitoring.persistence.EngagementChangeRepository;
import io.lobsterops.monitoring.persistence.KnownInvoiceRepository;
import io.smallrye.mutiny.Uni;

/**
 * The small copies of other services' facts that the report and the cockpit need (ADR 0034): reviews waiting
 * (config.proposed until config.approved), invoices and their payment, and what changed on an engagement. Each
 * method runs inside the inbox's transaction; each is idempotent on the fact's own id as well.
 */
@ApplicationScoped
public class FactsService {

    private final ConfigReviewRepository reviews;
    private final KnownInvoiceRepository invoices;
    private final EngagementChangeRepository changes;

    public FactsService(ConfigReviewRepository reviews, KnownInvoiceRepository invoices,
            EngagementChangeRepository changes) {
        this.reviews = reviews;
        this.invoices = invoices;
        this.changes = changes;
    }

    public Uni<Void> proposed(ConfigProposed proposed) {
        return reviews.findById(proposed.proposalId()).chain(existing -> existing != null
                ? Uni.createFrom().voidItem()
                : reviews.persist(new ConfigReview(proposed.proposalId(), proposed.engagementId(), proposed.clientId(),
                        proposed.commit(), proposed.author(), proposed.proposedAt())).replaceWithVoid());
    }

    public Uni<Void> approved(ConfigApproved approved) {
        if (approved.proposalId() == null) {
            return Uni.createFrom().voidItem();
        }
        return reviews.findById(approved.proposalId()).invoke(review -> {
            if (review != null) {
                review.approved(approved.approvedBy(), approved.approvedAt());
            }
        }).replaceWithVoid();
    }

    public Uni<Void> issued(InvoiceIssued issued) {
        return invoices.findById(issued.invoiceId()).chain(existing -> existing != null
                ? Uni.createFrom().voidItem()
                : invoices.persist(new KnownInvoice(issued.invoiceId(), issued.engagementId(), issued.clientId(),
                        issued.number(), issued.kind() == null ? "UNKNOWN" : issued.kind().name(),
                        issued.totalCents(), issued.currency(), issued.dueOn(), issued.issuedAt())).replaceWithVoid());
    }

    public Uni<Void> paid(InvoicePaid paid) {
        return paid(paid.invoiceId(), paid.paidAt());
    }

    public Uni<Void> paid(PaymentReceived payment) {
        return paid(payment.invoiceId(), payment.paidAt());
    }

    private Uni<Void> paid(java.util.UUID invoiceId, java.time.Instant at) {
        if (invoiceId == null) {
            return Uni.createFrom().voidItem();
        }
        return invoices.findById(invoiceId).invoke(invoice -> {
            if (invoice != null) {
                invoice.paid(at);
            }
        }).replaceWithVoid();
    }

    public Uni<Void> deployed(AgentDeployed deployed) {
        return changes.note(EngagementChange.of(deployed.engagementId(), Kind.DEPLOYMENT, deployed.commit(),
                "Release " + (deployed.tag() == null ? shortCommit(deployed.commit()) : deployed.tag())
                        + " of the agent's instructions deployed", deployed.deployedAt()));
    }

    public Uni<Void> upgraded(AgentUpgraded upgraded) {
        return changes.note(EngagementChange.of(upgraded.engagementId(), Kind.UPGRADE, String.valueOf(
                upgraded.upgradeId()), "OpenClaw upgraded from " + upgraded.fromVersion() + " to "
                        + upgraded.toVersion() + (upgraded.goldSetScore() == null ? ""
                                : String.format(Locale.US, " (gold set score %.2f)", upgraded.goldSetScore())),
                upgraded.upgradedAt()));
    }

    public Uni<Void> rolledBack(AgentUpgradeRolledBack back) {
        return changes.note(EngagementChange.of(back.engagementId(), Kind.UPGRADE_ROLLED_BACK, String.valueOf(
                back.upgradeId()), "OpenClaw upgrade to " + back.toVersion() + " tried and rolled back; "
                        + back.fromVersion() + " kept", back.rolledBackAt()));
    }

    public Uni<Void> scheduleChanged(ScheduleChanged changed) {
        return changes.note(EngagementChange.of(changed.engagementId(), Kind.SCHEDULE, changed.activity() + "|"
                + changed.cadence() + "|" + changed.changedAt(), "'" + changed.activity() + "' now runs "
                        + changed.cadence().toLowerCase(Locale.ROOT) + " (was "
                        + String.valueOf(changed.previousCadence()).toLowerCase(Locale.ROOT) + ")",
                changed.changedAt()));
    }

    public Uni<Void> goldSet(GoldSetEvaluated evaluated) {
        return changes.note(EngagementChange.of(evaluated.engagementId(), Kind.GOLD_SET, String.valueOf(
                evaluated.evaluationId()), String.format(Locale.US, "Gold set run (%s): score %.2f, %s",
                        String.valueOf(evaluated.occasion()).toLowerCase(Locale.ROOT).replace('_', ' '),
                        evaluated.score(), evaluated.passed() ? "passed" : "below its threshold"),
                evaluated.evaluatedAt()));
    }

    public Uni<Void> terminated(AgentTerminated terminated) {
        return changes.note(EngagementChange.of(terminated.engagementId(), Kind.TERMINATION, String.valueOf(
                terminated.terminationId()), "Agent terminated and its data archived", terminated.terminatedAt()));
    }

    private static String shortCommit(String commit) {
        return commit == null ? "?" : commit.substring(0, Math.min(8, commit.length()));
    }
}
