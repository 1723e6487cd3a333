package io.lobsterops.monitoring.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * The report as PDF, rendered in process by openhtmltopdf from the report's PDF variant (the approach of billing's
 * InvoicePdf and agent-config's PlaybookPdf). CPU work: call it off the event loop.
 */
@ApplicationScoped
public class ReportPdf {

    public byte[] render(String xhtml) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the report", e);
        }
    }
}
