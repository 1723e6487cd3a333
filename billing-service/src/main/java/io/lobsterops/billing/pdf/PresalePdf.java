package io.lobsterops.billing.pdf;

import static io.lobsterops.billing.pdf.InvoicePdf.escape;
import static io.lobsterops.billing.pdf.InvoicePdf.money;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.billing.domain.BillingAccount;
import io.lobsterops.billing.domain.Contract;
import io.lobsterops.billing.domain.DiscoveryAnswers;
import io.lobsterops.billing.domain.PresaleDocument.Kind;
import io.lobsterops.events.TokenPayer;
import io.lobsterops.kit.pdf.HtmlPdf;

/**
 * Proposal and SOW: XHTML from the client's discovery answers, the engineer's notes and the contract, frozen when
 * drafted; PDF on demand.
 */
@ApplicationScoped
public class PresalePdf {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    /** Question ids of the discovery questionnaire (agent-config-service, version 2026.1) the sections draw on. */
    static final String ACTIVITY = "activity";
    static final String REPETITIVE_TASKS = "repetitive-tasks";
    static final String DAILY_SOURCES = "daily-sources";
    static final String TOOLS = "tools";
    static final String BRIEFING_TIME = "briefing-time";
    static final String TONE = "tone";
    static final String FORBIDDEN_TOPICS = "forbidden-topics";
    static final String OTHER_USERS = "other-users";

    /**
     * The document: use case, agent and scope from the client's discovery answers (null: none had arrived, which the
     * document says at its top), the engineer's notes added to them, prices from the contract, and every answer in
     * an appendix.
     */
    public String html(Kind kind, BillingAccount account, Contract contract, DiscoveryAnswers discovery,
            Notes notes) {
        String title = kind == Kind.PROPOSAL ? "Proposal" : "Statement of work";
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(title).append(": ").append(escape(account.clientName)).append("</h1>")
                .append("<p>Prepared for ").append(escape(account.billingContact)).append(" (")
                .append(escape(account.clientName)).append("), contract version ").append(contract.version)
                .append(", tier ").append(escape(contract.tier)).append(".</p>");
        if (discovery == null) {
            body.append("<p class=\"notice\"><b>Drafted before any discovery answers were received.</b> The use case")
                    .append(" and scope below are the engineer's notes only, not the client's answers; draft this ")
                    .append(kind == Kind.PROPOSAL ? "proposal" : "statement of work")
                    .append(" again once the discovery questionnaire is answered.</p>");
        } else {
            body.append("<p>Written from the discovery answers given by ").append(discovery.answeredBy == null ? "the client" : escape(discovery.answeredBy))
                    .append(" (questionnaire ").append(escape(discovery.questionnaireVersion)).append(", last changed ")
                    .append(DAY.format(discovery.answeredAt)).append(").</p>");
        }
        Optional<DiscoveryAnswers> answers = Optional.ofNullable(discovery);

        body.append("<h2>Use case</h2>");
        StringBuilder useCase = new StringBuilder();
        answers.flatMap(d -> d.answer(ACTIVITY)).ifPresent(activity -> useCase.append("<p>")
                .append(escape(activity)).append("</p>"));
        answers.flatMap(d -> d.answer(REPETITIVE_TASKS)).ifPresent(tasks -> useCase
                .append("<p>The agent takes over these recurring tasks:</p>").append(list(lines(tasks))));
        notes.useCase().ifPresent(text -> useCase.append("<p>").append(escape(text)).append("</p>"));
        body.append(useCase.isEmpty() ? "<p>Not known yet.</p>" : useCase);

        body.append("<h2>Proposed agent</h2>");
        List<String> agent = new ArrayList<>();
        notes.proposedAgent().ifPresent(agent::add);
        answers.flatMap(d -> d.answer(TONE)).ifPresent(tone -> agent.add("Tone: " + tone));
        answers.flatMap(d -> d.answer(OTHER_USERS)).ifPresent(users -> agent.add("Also talks to: " + users));
        answers.flatMap(d -> d.answer(BRIEFING_TIME)).ifPresent(at -> agent.add("Daily briefing at " + at));
        body.append(agent.isEmpty() ? "<p>An OpenClaw agent for " + escape(account.clientName) + ".</p>"
                : list(agent));

        body.append("<h2>Scope</h2>");
        List<String> scope = new ArrayList<>();
        answers.flatMap(d -> d.answer(REPETITIVE_TASKS)).ifPresent(tasks -> lines(tasks)
                .forEach(task -> scope.add("Task: " + task)));
        answers.flatMap(d -> d.answer(DAILY_SOURCES)).ifPresent(sources -> scope.add("Sources read every day: "
                + String.join(", ", lines(sources))));
        answers.flatMap(d -> d.answer(TOOLS)).ifPresent(tools -> scope.add("Works with: " + tools));
        scope.addAll(notes.scope());
        body.append(scope.isEmpty() ? "<p>Not known yet.</p>" : list(scope));
        answers.flatMap(d -> d.answer(FORBIDDEN_TOPICS)).ifPresent(topics -> body
                .append("<p>Out of scope: the agent never mentions ")
                .append(escape(String.join("; ", lines(topics)))).append(".</p>"));

        body.append("<h2>Acceptance criteria</h2>").append(notes.acceptanceCriteria().isEmpty()
                ? "<p>Each item of the scope works on the client's own channel, shown to the client before go-live.</p>"
                : list(notes.acceptanceCriteria()));
        body.append("<h2>Timeline</h2><p>Delivery in ").append(notes.timelineWeeks())
                .append(" week(s) after the deposit is paid; then a stability window and monthly maintenance.</p>");
        body.append("<h2>Pricing</h2><ul>")
                .append("<li>Build: ").append(money(contract.buildPriceCents, contract.currency)).append("</li>")
                .append("<li>Deposit at signature (").append(contract.depositPercent).append(" %): ")
                .append(money(contract.depositCents, contract.currency)).append("</li>")
                .append("<li>Balance on ").append(contract.balanceDueOn.name().toLowerCase().replace('_', ' '))
                .append(": ").append(money(contract.balanceCents, contract.currency)).append("</li>")
                .append("<li>Maintenance from go-live: ").append(money(contract.maintenanceMonthlyCents,
                        contract.currency)).append(" a month</li>")
                .append("<li>Model tokens: ").append(contract.tokenPayer == TokenPayer.AGENCY
                        ? "on our provider account, re-billed at cost + "
                                + contract.tokenMarkupBasisPoints / 100.0 + " %"
                        : "on your own provider account (not re-billed)")
                .append("; monthly budget ").append(money(contract.monthlyTokenBudgetUsdCents, "USD"))
                .append(contract.pauseAtBudget ? ", the agent pauses at the budget" : "").append("</li>")
                .append("<li>Payment terms: ").append(contract.paymentTermsDays).append(" days</li></ul>");
        answers.ifPresent(d -> {
            body.append("<h2>Your discovery answers</h2>");
            d.answers.forEach(a -> body.append("<p><b>").append(escape(a.question())).append("</b><br/>")
                    .append(escape(a.answer()).replace("\n", "<br/>")).append("</p>"));
        });
        return "<html><head><style>body { font-family: Helvetica, sans-serif; font-size: 10pt; } .notice { border: 1pt solid #a00; padding: 4pt; }</style></head><body>"
                + body + "</body></html>";
    }

    public byte[] render(String html) {
        return HtmlPdf.render(html, "a presale document");
    }

    private static String list(List<String> items) {
        StringBuilder ul = new StringBuilder("<ul>");
        items.forEach(item -> ul.append("<li>").append(escape(item)).append("</li>"));
        return ul.append("</ul>").toString();
    }

    /** A discovery answer of several lines: one item a line, blank lines dropped. */
    private static List<String> lines(String answer) {
        return answer.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /** What the engineer adds to the client's answers (each optional), and the delivery time. */
    public record Notes(Optional<String> useCase, Optional<String> proposedAgent, List<String> scope,
            List<String> acceptanceCriteria, int timelineWeeks) {
    }
}
