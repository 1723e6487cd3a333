package io.lobsterops.provisioning.engagement.domain;

import java.util.UUID;

import io.lobsterops.events.AgentDeployed;
import io.lobsterops.events.AgentPauseRequested;
import io.lobsterops.events.AgentResumed;
import io.lobsterops.events.AgentStable;
import io.lobsterops.events.AgentSuspended;
import io.lobsterops.events.ConfigApproved;
import io.lobsterops.events.ConfigProposed;
import io.lobsterops.events.ContractSigned;
import io.lobsterops.events.DiscoveryAnswered;
import io.lobsterops.events.EngagementEvent;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.EscalationRaised;
import io.lobsterops.events.EscalationResolved;
import io.lobsterops.events.GatewayHealth;
import io.lobsterops.events.GatewayHealthChanged;
import io.lobsterops.events.GatewayInstalled;
import io.lobsterops.events.GoldSetEvaluated;
import io.lobsterops.events.HostChanged;
import io.lobsterops.events.HostRegistered;
import io.lobsterops.events.IncidentOpened;
import io.lobsterops.events.InvoiceIssued;
import io.lobsterops.events.InvoicePaid;
import io.lobsterops.events.NotificationAcknowledged;
import io.lobsterops.events.PaymentFailed;
import io.lobsterops.events.PaymentReceived;
import io.lobsterops.events.ProvisioningFailed;
import io.lobsterops.events.ScheduleChanged;
import io.lobsterops.events.UsageRecorded;
import io.lobsterops.provisioning.fleet.domain.Gateway;
import io.lobsterops.provisioning.fleet.domain.Host;

/**
 * One event in a line, twice (ADR 0029): for staff, and for the client when the client may see the event at all. The
 * client's line never carries a host name, address, port, profile, a review's words, an incident's or escalation's
 * detail or a kill's reason; events that are only internal have no client line. {@code detail} is the one value the
 * launch checklist reads (an invoice's or payment's kind, a health's new state, a stage change's target), {@code hostId}
 * the host a host-level event or an installed gateway is about.
 */
public record EventSummary(String actor, String staff, String client, String detail, UUID hostId) {

    static EventSummary staffOnly(String actor, String staff) {
        return new EventSummary(actor, staff, null, null, null);
    }

    static EventSummary both(String actor, String staff, String client) {
        return new EventSummary(actor, staff, client, null, null);
    }

    EventSummary withDetail(Object value) {
        return new EventSummary(actor, staff, client, value == null ? null : value.toString(), hostId);
    }

    /** The summary of {@code event}; a payload missing what its line needs gets a bare staff line, never a failure. */
    public static EventSummary of(EngagementEvent event) {
        try {
            return summarize(event);
        } catch (RuntimeException e) {
            return staffOnly(null, event.type() + " (incomplete payload)");
        }
    }

    private static EventSummary summarize(EngagementEvent event) {
        return switch (event) {
            case EngagementOpened e -> both(e.openedBy(), "Engagement opened for " + e.clientName() + " by "
                    + e.openedBy(), "Engagement opened");
            case EngagementStageChanged e -> both(e.changedBy(), "Stage " + e.from() + " → " + e.to()
                    + (e.reason() == null || e.reason().isBlank() ? "" : ": " + e.reason()),
                    "Stage " + e.from() + " → " + e.to()).withDetail(e.from() + ">" + e.to());
            case ContractSigned e -> both(e.signedBy(), "Contract v" + e.version() + " (" + e.tier() + ") signed by "
                    + e.signedBy(), "Contract v" + e.version() + " signed");
            case DiscoveryAnswered e -> both(e.answeredBy(), e.answers().size() + " discovery answer(s) recorded"
                    + " by " + e.answeredBy(), "Discovery answers recorded (" + e.answers().size() + ")");
            case GatewayInstalled e -> new EventSummary(null, "Gateway " + e.profile() + " installed on host "
                    + e.hostId() + " port " + e.port() + " (openclaw " + e.openclawVersion() + ")",
                    "Your agent's gateway is installed", null, e.hostId());
            case ProvisioningFailed e -> staffOnly(null, "Provisioning failed at step " + e.step() + ": "
                    + firstLine(e.reason()));
            case ConfigProposed e -> both(e.author(), "Configuration " + shortCommit(e.commit()) + " proposed for"
                    + " review by " + e.author(), "A new configuration of your agent is in review");
            case ConfigApproved e -> both(e.approvedBy(), "Configuration " + e.tag() + " (" + shortCommit(e.commit())
                    + ") approved by " + e.approvedBy(), "Configuration " + e.tag() + " approved");
            case AgentDeployed e -> both(e.deployedBy(), "Release " + e.tag() + " (" + shortCommit(e.commit())
                    + ") deployed", "Release " + e.tag() + " deployed to your agent");
            case GoldSetEvaluated e -> both(null, "Gold set " + (e.passed() ? "passed" : "FAILED") + " after "
                    + e.occasion().name().toLowerCase().replace('_', ' ') + " of " + shortCommit(e.releasedCommit())
                    + ": score " + String.format(java.util.Locale.ROOT, "%.2f", e.score()) + " (threshold "
                    + String.format(java.util.Locale.ROOT, "%.2f", e.threshold()) + "), "
                    + (e.cases() == null ? 0 : e.cases().stream().filter(c -> c.passed()).count()) + "/"
                    + (e.cases() == null ? 0 : e.cases().size()) + " cases passed" + failedCases(e),
                    e.passed() ? "Your agent passed its quality check" : "Your agent's quality check did not pass"
                            + " yet; we are on it")
                    .withDetail(e.occasion() + ":" + (e.passed() ? "passed" : "failed"));
            case AgentSuspended e -> both(e.suspendedBy(), "Agent suspended by " + e.suspendedBy() + ": "
                    + firstLine(e.reason()), "Your agent was paused");
            case AgentResumed e -> both(e.resumedBy(), "Agent resumed by " + e.resumedBy(), "Your agent runs again");
            case AgentPauseRequested e -> staffOnly(e.requestedBy(), "Pause requested by rule " + e.rule() + ": "
                    + firstLine(e.reason()));
            case PaymentReceived e -> both(null, kind(e.kind()) + " payment of " + money(e.amountCents(),
                    e.currency()) + " received for invoice " + e.invoiceNumber(), kind(e.kind()) + " payment of "
                    + money(e.amountCents(), e.currency()) + " received").withDetail(e.kind());
            case PaymentFailed e -> both(null, kind(e.kind()) + " payment for invoice " + e.invoiceNumber()
                    + " failed: " + firstLine(e.reason()), kind(e.kind()) + " payment failed")
                    .withDetail(e.kind());
            case InvoiceIssued e -> both(null, kind(e.kind()) + " invoice " + e.number() + " issued: "
                    + money(e.totalCents(), e.currency()) + ", due " + e.dueOn(), kind(e.kind()) + " invoice "
                    + e.number() + " issued: " + money(e.totalCents(), e.currency()) + ", due " + e.dueOn())
                    .withDetail(e.kind());
            case InvoicePaid e -> both(null, kind(e.kind()) + " invoice " + e.number() + " paid ("
                    + e.method() + ")", kind(e.kind()) + " invoice " + e.number() + " paid").withDetail(e.kind());
            case IncidentOpened e -> new EventSummary(null, e.priority() + " incident " + e.kind() + ": "
                    + firstLine(e.summary()), null, null, e.hostId());
            case GatewayHealthChanged e -> both(null, "Gateway health " + e.from() + " → " + e.to()
                    + (e.reason() == null ? "" : ": " + firstLine(e.reason())), health(e.to()))
                    .withDetail(e.to());
            case UsageRecorded e -> staffOnly(null, "Usage of " + e.day() + " (" + e.model() + "): "
                    + (e.inputTokens() + e.outputTokens()) + " tokens");
            case EscalationRaised e -> staffOnly(null, e.priority() + " escalation " + e.rule() + ": "
                    + firstLine(e.summary()));
            case EscalationResolved e -> staffOnly(e.resolvedBy(), "Escalation " + e.rule() + " resolved by "
                    + e.resolvedBy());
            case AgentStable e -> both(null, "Agent stable: the window since " + e.liveSince() + " closed clean",
                    "Your agent is stable");
            case ScheduleChanged e -> both(e.approvedBy(), "Schedule of " + e.activity() + " changed to "
                    + e.cadence() + " by " + e.approvedBy(), "Schedule of " + e.activity() + " changed to "
                    + e.cadence());
            case NotificationAcknowledged e -> staffOnly(e.acknowledgedBy(), "Page acknowledged by "
                    + e.acknowledgedBy() + " via " + e.via());
            case HostRegistered e -> new EventSummary(null, "Host " + e.name() + " registered", null, null,
                    e.hostId());
            case HostChanged e -> new EventSummary(null, "Host access changed: " + firstLine(e.reason()), null, null,
                    e.hostId());
            default -> staffOnly(null, event.type());
        };
    }

    private static String failedCases(GoldSetEvaluated e) {
        if (e.cases() == null || e.cases().isEmpty()) {
            return e.passed() ? "" : " (no case was run)";
        }
        String failed = e.cases().stream().filter(c -> !c.passed()).limit(5)
                .map(c -> c.caseId() + ": " + firstLine(c.reason())).collect(java.util.stream.Collectors.joining("; "));
        return failed.isEmpty() ? "" : "; failed " + failed;
    }

    private static String kind(Enum<?> kind) {
        String name = kind.name().replace('_', ' ').toLowerCase();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String money(long cents, String currency) {
        return String.format(java.util.Locale.ROOT, "%d.%02d %s", cents / 100, Math.abs(cents % 100), currency);
    }

    private static String health(GatewayHealth to) {
        return switch (to) {
            case UP -> "Your agent is up";
            case DOWN, HOST_UNREACHABLE, HOST_KEY_CHANGED -> "Your agent is not answering; we are on it";
            case UNKNOWN -> "Your agent's health is not known yet";
        };
    }

    private static String shortCommit(String commit) {
        return commit == null || commit.length() < 8 ? String.valueOf(commit) : commit.substring(0, 8);
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
