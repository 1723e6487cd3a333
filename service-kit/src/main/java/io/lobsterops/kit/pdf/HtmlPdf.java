package io.lobsterops.kit.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * XHTML as PDF, rendered in process by openhtmltopdf on PDFBox: how every service renders its documents (invoices,
 * presale documents, the Agent Playbook, reports, the deletion certificate); each writes its own XHTML, every text
 * escaped. CPU work: call it off the event loop. A plain class, not a bean, and openhtmltopdf an optional dependency
 * of the kit: a service that renders PDFs declares {@code openhtmltopdf-pdfbox} itself, the others carry neither the
 * library nor a bean that needs it.
 */
public final class HtmlPdf {

    private HtmlPdf() {
    }

    /** The PDF of {@code xhtml}; {@code what} names the document in the error ("the report", "invoice 2026-0001"). */
    public static byte[] render(String xhtml, String what) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + what, e);
        }
    }
}
