package io.lobsterops.billing.pdf;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.billing.domain.Invoice;
import io.lobsterops.billing.domain.InvoiceLine;
import io.lobsterops.events.InvoiceKind;
import io.lobsterops.kit.pdf.HtmlPdf;

/** An invoice as PDF: XHTML rendered in process by openhtmltopdf. CPU work: call it off the event loop. */
@ApplicationScoped
public class InvoicePdf {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    public byte[] render(Invoice invoice, List<InvoiceLine> lines) {
        return HtmlPdf.render(html(invoice, lines), "invoice " + invoice.number);
    }

    String html(Invoice invoice, List<InvoiceLine> lines) {
        String title = invoice.kind == InvoiceKind.CREDIT_NOTE ? "Credit note" : "Invoice";
        StringBuilder rows = new StringBuilder();
        for (InvoiceLine line : lines) {
            rows.append("<tr><td>").append(escape(line.description)).append("</td><td class=\"n\">")
                    .append(line.quantity).append("</td><td class=\"n\">")
                    .append(money(line.unitCents, invoice.currency)).append("</td><td class=\"n\">")
                    .append(money(line.amountCents, invoice.currency)).append("</td></tr>\n");
        }
        String vatRate = String.format(Locale.ROOT, "%.2f %%", invoice.vatRateBasisPoints / 100.0);
        return """
                <html><head><style>
                body { font-family: Helvetica, sans-serif; font-size: 10pt; }
                table { width: 100%%; border-collapse: collapse; }
                th, td { border-bottom: 1px solid #ccc; padding: 4px; text-align: left; }
                td.n, th.n { text-align: right; }
                .mentions { margin-top: 24px; font-size: 8pt; color: #444; }
                </style></head><body>
                <h1>%s %s</h1>
                <p><b>%s</b><br/>%s</p>
                <p>Billed to: <b>%s</b> (%s)%s</p>
                <p>Issued on %s, due on %s%s%s</p>
                <table><thead><tr><th>Description</th><th class="n">Qty</th><th class="n">Unit</th><th class="n">Amount</th></tr></thead>
                <tbody>
                %s</tbody></table>
                <p class="n">Subtotal: %s<br/>VAT %s: %s<br/><b>Total: %s</b></p>
                %s
                <p class="mentions">%s</p>
                </body></html>
                """.formatted(title, escape(invoice.number), escape(invoice.sellerName),
                escape(invoice.sellerAddress).replace("\n", "<br/>"), escape(invoice.clientName),
                escape(invoice.clientCountry),
                invoice.billingEmail == null ? "" : "<br/>" + escape(invoice.billingEmail),
                DAY.format(invoice.issuedAt.atZone(ZoneOffset.UTC)), DAY.format(invoice.dueOn),
                invoice.period == null ? "" : ", period " + escape(invoice.period),
                invoice.reason == null ? "" : "<br/>Reason: " + escape(invoice.reason),
                rows, money(invoice.subtotalCents, invoice.currency), vatRate,
                money(invoice.vatCents, invoice.currency), money(invoice.totalCents, invoice.currency),
                invoice.paymentUrl == null || invoice.kind == InvoiceKind.CREDIT_NOTE ? ""
                        : "<p>Pay online: " + escape(invoice.paymentUrl) + "</p>",
                escape(invoice.sellerMentions));
    }

    static String money(long cents, String currency) {
        return String.format(Locale.ROOT, "%s%d.%02d %s", cents < 0 ? "-" : "", Math.abs(cents) / 100,
                Math.abs(cents) % 100, currency);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
