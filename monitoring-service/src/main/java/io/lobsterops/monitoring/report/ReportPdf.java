package io.lobsterops.monitoring.report;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.pdf.HtmlPdf;

/**
 * The report as PDF, rendered in process by the kit's HtmlPdf from the report's PDF variant (as billing's
 * InvoicePdf and agent-config's PlaybookPdf). CPU work: call it off the event loop.
 */
@ApplicationScoped
public class ReportPdf {

    public byte[] render(String xhtml) {
        return HtmlPdf.render(xhtml, "the report");
    }
}
