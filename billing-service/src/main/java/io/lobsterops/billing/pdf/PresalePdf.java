package io.lobsterops.billing.pdf;

import static io.lobsterops.billing.pdf.InvoicePdf.escape;
import static io.lobsterops.billing.pdf.InvoicePdf.money;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import io.lobsterops.billing.domain.BillingAccount;
import io.lobsterops.billing.domain.Contract;
import io.lobsterops.billing.domain.PresaleDocument.Kind;
import io.lobsterops.events.TokenPayer;

/** Proposal and SOW: XHTML from the contract and the engineer's scope, frozen when drafted; PDF on demand. */
@ApplicationScoped
public class PresalePdf {

    public String html(Kind kind, BillingAccount account, Contract contract, Scope scope) {
        String title = kind == Kind.PROPOSAL ? "Proposal" : "Statement of work";
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(title).append(": ").append(escape(account.clientName)).append("</h1>")
                .append("<p>Prepared for ").append(escape(account.billingContact)).append(" (")
                .append(escape(account.clientName)).append("), contract version ").append(contract.version)
                .append(", tier ").append(escape(contract.tier)).append(".</p>");
        body.append("<h2>Use case</h2><p>").append(escape(scope.useCase())).append("</p>");
        body.append("<h2>Proposed agent</h2><p>").append(escape(scope.proposedAgent())).append("</p>");
        body.append("<h2>Scope</h2>").append(list(scope.scope()));
        body.append("<h2>Acceptance criteria</h2>").append(list(scope.acceptanceCriteria()));
        body.append("<h2>Timeline</h2><p>Delivery in ").append(scope.timelineWeeks())
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
        return "<html><head><style>body { font-family: Helvetica, sans-serif; font-size: 10pt; }</style></head><body>"
                + body + "</body></html>";
    }

    public byte[] render(String html) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render a presale document", e);
        }
    }

    private static String list(List<String> items) {
        StringBuilder ul = new StringBuilder("<ul>");
        items.forEach(item -> ul.append("<li>").append(escape(item)).append("</li>"));
        return ul.append("</ul>").toString();
    }

    /** What the engineer writes from the discovery: billing has no copy of the answers (see the README). */
    public record Scope(String useCase, String proposedAgent, List<String> scope, List<String> acceptanceCriteria,
            int timelineWeeks) {
    }
}
