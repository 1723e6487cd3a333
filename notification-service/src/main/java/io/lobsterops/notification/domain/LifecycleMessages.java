package io.lobsterops.notification.domain;

import static io.lobsterops.notification.domain.EngagementMessages.blank;
import static io.lobsterops.notification.domain.EngagementMessages.client;
import static io.lobsterops.notification.domain.EngagementMessages.shortCommit;
import static io.lobsterops.notification.domain.EngagementMessages.staff;
import static io.lobsterops.notification.domain.Markdown.escape;

import java.util.List;
import java.util.Locale;

import io.lobsterops.events.AgentAccepted;
import io.lobsterops.events.AgentTerminated;
import io.lobsterops.events.AgentUpgradeRolledBack;
import io.lobsterops.events.AgentUpgraded;
import io.lobsterops.events.GoldSetEvaluated;
import io.lobsterops.events.GoldSetEvaluated.CaseResult;
import io.lobsterops.notification.domain.EngagementMessages.Outcome;

/**
 * The messages of an agent's later life — acceptance, gold-set runs, OpenClaw upgrades, termination — one method per
 * event type, called from {@link EngagementMessages#of} (ADR 0047, 0049). The client hears of its agent's termination
 * in its own words; every other one of these is for staff only.
 */
final class LifecycleMessages {

    /** At most this many failing cases are listed in a gold-set message; the count says how many more failed. */
    static final int CASES_LISTED = 20;

    private LifecycleMessages() {
    }

    /** The group of a gateway's failing gold set: a later failure updates it, a passing run closes it. */
    static String goldSetGroup(Object gatewayId) {
        return "goldset:" + gatewayId;
    }

    /**
     * {@code agent.terminated}: staff get a P3 note with who, why and the archive; the client is told its agent was
     * stopped and its data archived and credentials deleted — never the internal reason, which may speak of arrears,
     * hosts or people. What the termination closes is done by the service, not by a group key.
     */
    static Outcome terminated(AgentTerminated e) {
        return Outcome.of(staff(e.engagementId(), e.clientId(), Priority.P3, "Agent of " + e.clientId()
                + " terminated", ("%s terminated the agent: gateway %s is removed, its data archived (manifest "
                        + "%s) and its secrets deleted.%s\n\nThe client's destinations receive nothing more about "
                        + "this engagement but its invoices and payments; its open pages are closed.\n").formatted(
                                escape(or(e.terminatedBy(), "someone")), code(e.gatewayId()),
                                code(shortCommit(e.archiveManifestSha256())),
                                blank(e.reason()) ? "" : "\n\n> " + escape(e.reason())), null, null),
                client(e.engagementId(), e.clientId(), Priority.P3, "Your agent has been shut down", """
                        Your agent has been stopped and removed, as agreed with you. Its data is archived and the \
                        credentials it used are deleted.

                        Any invoice still due reaches you as usual; you will receive nothing more about this agent. \
                        Thank you for working with us.
                        """));
    }

    /**
     * {@code goldset.evaluated}: a failing run is a staff P2 with the score, the threshold and the failing cases' ids
     * and reasons — never the agent's answers (the excerpts stay in provisioning's evaluation), grouped by gateway so
     * that a run failing again updates it. A passing run closes that group and is a P4 line in the cockpit: staff can
     * see that a deployment or an upgrade was checked, and nobody is disturbed.
     */
    static Outcome goldSet(GoldSetEvaluated e) {
        String group = goldSetGroup(e.gatewayId());
        String occasion = e.occasion() == null ? "" : switch (e.occasion()) {
            case DEPLOYMENT -> " after a deployment";
            case UPGRADE -> " after an OpenClaw upgrade";
            case ON_DEMAND -> " on demand";
        };
        String measured = "score %s, threshold %s".formatted(score(e.score()), score(e.threshold()));
        String where = "commit %s on gateway %s%s%s".formatted(code(shortCommit(e.releasedCommit())),
                code(e.gatewayId()), blank(e.openclawVersion()) ? "" : " (OpenClaw " + code(e.openclawVersion()) + ")",
                escape(occasion));
        if (e.passed()) {
            return new Outcome(List.of(staff(e.engagementId(), e.clientId(), Priority.P4, "Gold set passed: "
                    + e.clientId() + " (" + measured + ")", "The gold set of %s passed: %s.\n".formatted(where,
                            escape(measured)), null, null)), List.of(group));
        }
        List<CaseResult> cases = e.cases() == null ? List.of() : e.cases();
        List<CaseResult> failing = cases.stream().filter(c -> !c.passed()).toList();
        StringBuilder body = new StringBuilder("The gold set of %s **failed**: %s; %d of %d cases failed.\n"
                .formatted(where, escape(measured), failing.size(), cases.size()));
        if (!failing.isEmpty()) {
            body.append("\nFailing cases:\n");
            failing.stream().limit(CASES_LISTED).forEach(c -> body.append("- ").append(code(c.caseId()))
                    .append(blank(c.reason()) ? "" : ": " + escape(c.reason())).append('\n'));
            if (failing.size() > CASES_LISTED) {
                body.append("- and ").append(failing.size() - CASES_LISTED).append(" more\n");
            }
        }
        return Outcome.of(staff(e.engagementId(), e.clientId(), Priority.P2, "Gold set failed: " + e.clientId()
                + " (" + measured + ")", body.toString(), group, null));
    }

    /** {@code agent.upgraded}: a P4 line in the cockpit — the upgrade was checked and kept, nothing to do. */
    static Outcome upgraded(AgentUpgraded e) {
        return Outcome.of(staff(e.engagementId(), e.clientId(), Priority.P4, "Agent of " + e.clientId()
                + " upgraded to OpenClaw " + e.toVersion(), "Gateway %s went from OpenClaw %s to %s%s, asked by %s.\n"
                        .formatted(code(e.gatewayId()), code(e.fromVersion()), code(e.toVersion()),
                                e.goldSetScore() == null ? "" : escape(", gold set " + score(e.goldSetScore())),
                                escape(or(e.requestedBy(), "someone"))), null, null));
    }

    /** {@code agent.upgrade-rolled-back}: a P1 — an upgrade failed a check and the gateway is back where it was. */
    static Outcome upgradeRolledBack(AgentUpgradeRolledBack e) {
        return Outcome.of(staff(e.engagementId(), e.clientId(), Priority.P1, "Upgrade of " + e.clientId()
                + " rolled back at " + e.failedStep(), ("The upgrade of gateway %s from OpenClaw %s to %s, asked "
                        + "by %s, failed at **%s** and was rolled back: the gateway runs %s again with its "
                        + "snapshot restored.%s\n").formatted(code(e.gatewayId()), code(e.fromVersion()),
                                code(e.toVersion()), escape(or(e.requestedBy(), "someone")),
                                escape(or(e.failedStep(), "a check")), code(e.fromVersion()),
                                blank(e.reason()) ? "" : "\n\n> " + escape(e.reason())),
                "upgrade:" + e.upgradeId(), null));
    }

    /** {@code agent.accepted}: a P3 for staff; the client hears "Your agent is live" from the stage change. */
    static Outcome accepted(AgentAccepted e) {
        return Outcome.of(staff(e.engagementId(), e.clientId(), Priority.P3, e.clientId() + " accepted its agent",
                "%s accepted the agent after its training.%s\n".formatted(escape(or(e.acceptedBy(), "The client")),
                        blank(e.note()) ? "" : "\n\n> " + escape(e.note())), null, null));
    }

    /**
     * A value as inline code: verbatim (inside code a backslash is literal, so Markdown escaping would show), with
     * any backtick — which would end the code span — turned into a quote.
     */
    static String code(Object value) {
        return "`" + (value == null ? "" : value.toString().replace('`', '\'')) + "`";
    }

    private static String score(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String or(String value, String otherwise) {
        return blank(value) ? otherwise : value;
    }
}
