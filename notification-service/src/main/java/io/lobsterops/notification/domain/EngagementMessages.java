package io.lobsterops.notification.domain;

import static io.lobsterops.notification.domain.Markdown.escape;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.lobsterops.events.AgentAccepted;
import io.lobsterops.events.AgentDeployed;
import io.lobsterops.events.AgentResumed;
import io.lobsterops.events.AgentStable;
import io.lobsterops.events.AgentSuspended;
import io.lobsterops.events.AgentTerminated;
import io.lobsterops.events.AgentUpgradeRolledBack;
import io.lobsterops.events.AgentUpgraded;
import io.lobsterops.events.ConfigApproved;
import io.lobsterops.events.ConfigProposed;
import io.lobsterops.events.EngagementEvent;
import io.lobsterops.events.EngagementOpened;
import io.lobsterops.events.EngagementStageChanged;
import io.lobsterops.events.EscalationRaised;
import io.lobsterops.events.EscalationResolved;
import io.lobsterops.events.EventCatalog;
import io.lobsterops.events.GatewayHealth;
import io.lobsterops.events.GatewayHealthChanged;
import io.lobsterops.events.GoldSetEvaluated;
import io.lobsterops.events.Handoff;
import io.lobsterops.events.IncidentOpened;
import io.lobsterops.events.InvoiceIssued;
import io.lobsterops.events.PaymentFailed;
import io.lobsterops.events.PaymentReceived;
import io.lobsterops.events.ProvisioningFailed;
import io.lobsterops.events.ReportReady;
import io.lobsterops.events.Stage;

/**
 * What every event says, to whom, how urgently, and in which group: the one place that maps an event type to its
 * messages (audience, priority, title, body, group key) and to the groups it closes. Routing then decides the
 * channels from the messages' audience and priority (the {@code route} table); nothing else knows event types.
 * Titles are plain text; bodies are Markdown in which every event field is escaped.
 */
public final class EngagementMessages {

    /** The payloads of the events this service turns into messages (its consumer's routes). */
    public static final List<Class<? extends EngagementEvent>> PAYLOADS = List.of(ReportReady.class,
            EngagementOpened.class, EngagementStageChanged.class,
            IncidentOpened.class, EscalationRaised.class, EscalationResolved.class,
            GatewayHealthChanged.class, ProvisioningFailed.class, ConfigProposed.class,
            ConfigApproved.class, AgentDeployed.class, AgentSuspended.class,
            AgentResumed.class, AgentStable.class, InvoiceIssued.class,
            PaymentReceived.class, PaymentFailed.class, AgentTerminated.class,
            GoldSetEvaluated.class, AgentUpgraded.class, AgentUpgradeRolledBack.class,
            AgentAccepted.class);

    /** Their event types, as the contract names them. */
    public static final Set<String> TYPES = EventCatalog.payloads().entrySet().stream()
            .filter(entry -> PAYLOADS.contains(entry.getValue())).map(Map.Entry::getKey)
            .collect(Collectors.toUnmodifiableSet());

    /** The messages of one event, and the groups (keys) it closes. */
    public record Outcome(List<Notice> notices, List<String> closes) {

        static Outcome of(Notice... notices) {
            return new Outcome(List.of(notices), List.of());
        }
    }

    private EngagementMessages() {
    }

    public static Outcome of(EngagementEvent event) {
        return switch (event) {
            case EngagementOpened e -> Outcome.of(opened(e));
            case EngagementStageChanged e -> new Outcome(stageChanged(e), List.of());
            case IncidentOpened e when e.hostLevel() -> Outcome.of(hostIncident(e));
            case IncidentOpened e -> Outcome.of(staff(e.engagementId(), e.clientId(), priority(e.priority()),
                    "Incident on " + e.clientId() + ": " + e.summary(), """
                            **%s** (`%s`)

                            %s
                            """.formatted(escape(e.summary()), escape(e.kind()), escape(e.detail())),
                    "incident:" + e.kind(), null));
            case EscalationRaised e -> Outcome.of(staff(e.engagementId(), e.clientId(), priority(e.priority()),
                    "[" + e.priority() + "] " + e.clientId() + ": " + e.summary(), escalation(e),
                    escalationGroup(e.escalationId().toString()), e.escalationId()));
            case EscalationResolved e -> new Outcome(List.of(staff(e.engagementId(), e.clientId(), Priority.P3,
                    "Resolved on " + e.clientId() + ": " + e.rule(), "Escalation `%s` was resolved%s.%s\n".formatted(
                            escape(e.rule()), e.resolvedBy() == null ? "" : " by " + escape(e.resolvedBy()),
                            blank(e.resolution()) ? "" : "\n\n> " + escape(e.resolution())), null,
                    e.escalationId())), List.of(escalationGroup(e.escalationId().toString())));
            case GatewayHealthChanged e -> Outcome.of(staff(e.engagementId(), e.clientId(), health(e.to()),
                    "Gateway of " + e.clientId() + " is " + e.to(), "The gateway `%s` went from **%s** to **%s**.%s\n"
                            .formatted(e.gatewayId(), e.from(), e.to(),
                                    blank(e.reason()) ? "" : "\n\n> " + escape(e.reason())),
                    "gateway:" + e.gatewayId(), null));
            case ProvisioningFailed e -> Outcome.of(staff(e.engagementId(), e.clientId(), Priority.P1,
                    "Provisioning of " + e.clientId() + " failed at " + e.step(),
                    "The run `%s` stopped at step **%s**; it can be resumed from there.\n\n> %s\n".formatted(
                            e.runId(), escape(e.step()), escape(e.reason())), "run:" + e.runId(), null));
            case ConfigProposed e -> Outcome.of(staff(e.engagementId(), e.clientId(), Priority.P2,
                    "Review waiting: configuration of " + e.clientId(),
                    "%s proposed commit `%s` on `%s`; a supervisor other than the author reviews it.\n".formatted(
                            escape(e.author()), escape(shortCommit(e.commit())), escape(e.branch())),
                    reviewGroup(e.proposalId().toString()), null));
            case ConfigApproved e -> new Outcome(List.of(staff(e.engagementId(), e.clientId(), Priority.P3,
                    "Configuration of " + e.clientId() + " approved", "%s approved `%s` (tag `%s`).\n".formatted(
                            escape(e.approvedBy()), escape(shortCommit(e.commit())), escape(e.tag())), null, null)),
                    List.of(reviewGroup(e.proposalId().toString())));
            case AgentDeployed e -> Outcome.of(staff(e.engagementId(), e.clientId(), Priority.P3,
                    "Agent of " + e.clientId() + " deployed", "Tag `%s` runs on gateway `%s`, deployed by %s.\n"
                            .formatted(escape(e.tag()), e.gatewayId(), escape(e.deployedBy())), null, null));
            case AgentSuspended e -> Outcome.of(staff(e.engagementId(), e.clientId(), Priority.P1,
                    "Agent of " + e.clientId() + " suspended", "%s pulled the kill switch.\n\n> %s\n".formatted(
                            escape(e.suspendedBy()), escape(e.reason())), null, null),
                    client(e.engagementId(), e.clientId(), Priority.P2, "Your agent is paused",
                            "We paused your agent while we look into something. We will tell you as soon as it is "
                                    + "back.\n"));
            case AgentResumed e -> Outcome.of(staff(e.engagementId(), e.clientId(), Priority.P3,
                    "Agent of " + e.clientId() + " resumed", "Resumed by %s.\n".formatted(escape(e.resumedBy())),
                    null, null),
                    client(e.engagementId(), e.clientId(), Priority.P3, "Your agent is back",
                            "Your agent is running again.\n"));
            case AgentStable e -> Outcome.of(staff(e.engagementId(), e.clientId(), Priority.P3,
                    "Agent of " + e.clientId() + " is stable", "Live since %s without a P0 or P1.\n".formatted(
                            e.liveSince()), null, null),
                    client(e.engagementId(), e.clientId(), Priority.P3, "Your agent is stable",
                            "Your agent has run cleanly since it went live; it is now in regular maintenance.\n"));
            case InvoiceIssued e -> Outcome.of(staff(e.engagementId(), e.clientId(), Priority.P3,
                    "Invoice " + e.number() + " issued to " + e.clientId(), "%s, due on %s.\n".formatted(
                            escape(money(e.totalCents(), e.currency())), e.dueOn()), null, null),
                    client(e.engagementId(), e.clientId(), Priority.P3, "Invoice " + e.number(),
                            "Your invoice **%s** of %s is due on %s.%s\n".formatted(escape(e.number()),
                                    escape(money(e.totalCents(), e.currency())), e.dueOn(),
                                    blank(e.paymentUrl()) ? "" : "\n\nPay online: " + escape(e.paymentUrl()))));
            case PaymentReceived e -> Outcome.of(staff(e.engagementId(), e.clientId(), Priority.P3,
                    "Payment received from " + e.clientId(), "%s for invoice %s.\n".formatted(
                            escape(money(e.amountCents(), e.currency())), escape(e.invoiceNumber())), null, null),
                    client(e.engagementId(), e.clientId(), Priority.P3, "Payment received",
                            "Thank you: we received %s for invoice %s.\n".formatted(
                                    escape(money(e.amountCents(), e.currency())), escape(e.invoiceNumber()))));
            case PaymentFailed e -> Outcome.of(staff(e.engagementId(), e.clientId(), Priority.P2,
                    "Payment of " + e.clientId() + " failed", "%s for invoice %s.\n\n> %s\n".formatted(
                            escape(money(e.amountCents(), e.currency())), escape(e.invoiceNumber()),
                            escape(e.reason())), "payment:" + e.invoiceId(), null),
                    client(e.engagementId(), e.clientId(), Priority.P2, "Your payment did not go through",
                            "The payment of %s for invoice %s failed; the invoice is still due.\n".formatted(
                                    escape(money(e.amountCents(), e.currency())), escape(e.invoiceNumber()))));
            case AgentTerminated e -> LifecycleMessages.terminated(e);
            case GoldSetEvaluated e -> LifecycleMessages.goldSet(e);
            case AgentUpgraded e -> LifecycleMessages.upgraded(e);
            case AgentUpgradeRolledBack e -> LifecycleMessages.upgradeRolledBack(e);
            case AgentAccepted e -> LifecycleMessages.accepted(e);
            case ReportReady e -> Outcome.of(monthlyReportReady(e.engagementId(), e.clientId(), e.period(), e.path()));
            default -> new Outcome(List.of(), List.of());
        };
    }

    /** Not an event: a supervisor planned a maintenance of the engagement's agent (source type of its messages). */
    public static final String MAINTENANCE_PLANNED = "lobsterops.notification.maintenance-planned";
    public static final String MAINTENANCE_CANCELLED = "lobsterops.notification.maintenance-cancelled";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /**
     * A planned maintenance: the client is told when, in its own words — never the internal reason, which may name
     * hosts — and staff see who planned it and why.
     */
    public static Outcome maintenancePlanned(UUID engagementId, String clientId, Instant startsAt, Instant endsAt,
            String reason, String by) {
        return Outcome.of(staff(engagementId, clientId, Priority.P3, "Maintenance of " + clientId + " planned: "
                        + WHEN.format(startsAt) + " to " + WHEN.format(endsAt),
                ("%s planned a maintenance of the agent from %s to %s; the client is told, and its messages stay in "
                        + "the cockpit during the window.\n\n> %s\n").formatted(escape(by),
                        escape(WHEN.format(startsAt)), escape(WHEN.format(endsAt)), escape(reason)), null, null),
                client(engagementId, clientId, Priority.P3, "Planned maintenance of your agent", """
                        We will carry out planned maintenance on your agent from **%s** to **%s**.

                        During that time your agent may not answer. We will tell you if the plan changes.
                        """.formatted(escape(WHEN.format(startsAt)), escape(WHEN.format(endsAt)))));
    }

    /** A planned maintenance called off: before it started, or ended early while it ran. */
    public static Outcome maintenanceCancelled(UUID engagementId, String clientId, Instant startsAt, boolean started,
            String by) {
        String when = escape(WHEN.format(startsAt));
        return Outcome.of(staff(engagementId, clientId, Priority.P3, "Maintenance of " + clientId + " cancelled",
                "%s cancelled the maintenance planned from %s%s.\n".formatted(escape(by), when,
                        started ? " while it ran" : ""), null, null),
                client(engagementId, clientId, Priority.P3, started ? "Maintenance of your agent is over"
                        : "Planned maintenance cancelled", started
                                ? "The maintenance of your agent ended earlier than planned: it runs as usual.\n"
                                : "The maintenance of your agent planned for **%s** is cancelled: it runs as usual.\n"
                                        .formatted(when)));
    }

    /** The client's words for a monthly report, ready for the event that will say it is (another issue adds it). */
    public static Notice monthlyReportReady(UUID engagementId, String clientId, String period, String url) {
        return client(engagementId, clientId, Priority.P3, "Your monthly report is ready",
                "Your agent's report for **%s** is ready.%s\n".formatted(escape(period),
                        blank(url) ? "" : "\n\nRead it here: " + escape(url)));
    }

    public static String escalationGroup(String escalationId) {
        return "escalation:" + escalationId;
    }

    public static String reviewGroup(String proposalId) {
        return "review:" + proposalId;
    }

    static Notice opened(EngagementOpened opened) {
        String body = """
                A new engagement was opened for **%s** (`%s`) by %s.

                - Contact: %s, %s
                - Sector: %s
                - Region: %s
                - Stage: %s
                """.formatted(escape(opened.clientName()), opened.clientId(), escape(opened.openedBy()),
                escape(opened.contactName()), escape(opened.contactEmail()), escape(opened.sector()),
                escape(opened.region()), opened.stage());
        return staff(opened.engagementId(), opened.clientId(), Priority.P3, "New engagement: " + opened.clientName(),
                body, null, null);
    }

    static List<Notice> stageChanged(EngagementStageChanged changed) {
        List<Notice> messages = new ArrayList<>(2);
        String body = "The engagement of `%s` moved from **%s** to **%s**%s.\n".formatted(changed.clientId(),
                changed.from(), changed.to(), changed.changedBy() == null ? "" : " by " + escape(changed.changedBy()))
                + (blank(changed.reason()) ? "" : "\n> " + escape(changed.reason()) + "\n");
        messages.add(staff(changed.engagementId(), changed.clientId(), Priority.P3,
                "Engagement of " + changed.clientId() + " is now " + changed.to(), body, null, null));
        if (changed.to() == Stage.LIVE && changed.from() != Stage.SUSPENDED) {
            messages.add(client(changed.engagementId(), changed.clientId(), Priority.P3, "Your agent is live", """
                    Your agent is now live and talking to your team.

                    For the next 24 to 48 hours we watch it closely; we will tell you when it is declared stable.
                    """));
        }
        return messages;
    }

    /**
     * An incident about a host as a whole (a changed host key concerns every gateway on it): a staff message only —
     * it names no client, so no client destination can be chosen for it — grouped by the host.
     */
    static Notice hostIncident(IncidentOpened e) {
        if (e.hostId() == null) {
            throw new IllegalArgumentException("an incident without an engagement names its host");
        }
        return new Notice(null, null, Audience.STAFF, priority(e.priority()),
                "Incident on host " + e.hostId() + ": " + e.summary(), """
                        **%s** (`%s`)

                        Host `%s`: every gateway on it is concerned.

                        %s
                        """.formatted(escape(e.summary()), escape(e.kind()), e.hostId(), escape(e.detail())),
                "incident:" + e.kind() + ":" + e.hostId(), null, e.hostId());
    }

    private static String escalation(EscalationRaised e) {
        StringBuilder body = new StringBuilder("**%s** (rule `%s`)\n".formatted(escape(e.summary()), escape(e.rule())));
        Handoff handoff = e.handoff();
        if (handoff != null) {
            line(body, "Context", handoff.context());
            line(body, "Tried", handoff.tried());
            if (handoff.options() != null && !handoff.options().isEmpty()) {
                body.append("\nOptions:\n");
                handoff.options().forEach(option -> body.append("- ").append(escape(option)).append('\n'));
            }
            line(body, "Recommendation", handoff.recommendation());
            line(body, "Urgency", handoff.urgency());
        }
        return body.toString();
    }

    private static void line(StringBuilder body, String label, String value) {
        if (!blank(value)) {
            body.append('\n').append(label).append(": ").append(escape(value)).append('\n');
        }
    }

    private static Priority health(GatewayHealth to) {
        return switch (to) {
            case HOST_KEY_CHANGED -> Priority.P0;
            case DOWN, HOST_UNREACHABLE -> Priority.P1;
            case UP, UNKNOWN -> Priority.P3;
        };
    }

    private static Priority priority(io.lobsterops.events.Priority priority) {
        return priority == null ? Priority.P1 : Priority.valueOf(priority.name());
    }

    static Notice staff(java.util.UUID engagementId, String clientId, Priority priority, String title,
            String body, String groupKey, java.util.UUID escalationId) {
        return new Notice(engagementId, clientId, Audience.STAFF, priority, title, body, groupKey, escalationId);
    }

    static Notice client(java.util.UUID engagementId, String clientId, Priority priority, String title,
            String body) {
        return new Notice(engagementId, clientId, Audience.CLIENT, priority, title, body, null, null);
    }

    private static String money(long cents, String currency) {
        return String.format(Locale.ROOT, "%d.%02d %s", cents / 100, Math.abs(cents % 100),
                currency == null ? "" : currency.toUpperCase(Locale.ROOT)).strip();
    }

    static String shortCommit(String commit) {
        return commit == null ? "" : commit.substring(0, Math.min(12, commit.length()));
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
