package io.lobsterops.kit.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** What a service's XHTML says is what a reader of its PDF reads, read back with PDFBox as the services' tests do. */
class HtmlPdfTest {

    @Test
    void theTextOfTheXhtmlIsTheTextOfThePdf() throws IOException {
        byte[] pdf = HtmlPdf.render("""
                <html><head><meta charset="UTF-8"/><title>Invoice</title><style>
                body { font-family: Helvetica, sans-serif; font-size: 10pt; }
                td.n { text-align: right; }
                </style></head><body>
                <h1>Invoice 2026-0042</h1>
                <p>Billed to: <b>Fish &amp; Chips Ltd</b> (&lt;GB&gt;)</p>
                <table><tr><td>Maintenance, November</td><td class="n">450.00 EUR</td></tr></table>
                </body></html>
                """, "invoice 2026-0042");

        assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.US_ASCII));
        String text = text(pdf);
        assertTrue(text.contains("Invoice 2026-0042"), text);
        assertTrue(text.contains("Fish & Chips Ltd") && text.contains("(<GB>)"), text);
        assertTrue(text.contains("Maintenance, November 450.00 EUR"), text);
    }

    @Test
    void aLongDocumentFlowsOntoMorePages() throws IOException {
        StringBuilder items = new StringBuilder();
        for (int i = 1; i <= 200; i++) {
            items.append("<p>Line ").append(i).append("</p>");
        }
        byte[] pdf = HtmlPdf.render("<html><body>" + items + "</body></html>", "a long document");

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertTrue(document.getNumberOfPages() > 1, "pages: " + document.getNumberOfPages());
        }
        String text = text(pdf);
        assertTrue(text.contains("Line 1 ") && text.contains("Line 200"), text);
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }
}
