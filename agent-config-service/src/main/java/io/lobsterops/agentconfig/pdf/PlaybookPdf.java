package io.lobsterops.agentconfig.pdf;

import jakarta.enterprise.context.ApplicationScoped;

import io.lobsterops.kit.pdf.HtmlPdf;

/**
 * The Agent Playbook as PDF, from the Markdown a release holds: the PDF always says what the released
 * {@code PLAYBOOK.md} says. Only the Markdown the playbook template writes is read: {@code #}/{@code ##} headings,
 * {@code - } items (continued on indented lines) and paragraphs.
 */
@ApplicationScoped
public class PlaybookPdf {

    private static final String STYLE = """
            body { font-family: Helvetica, sans-serif; font-size: 10.5pt; line-height: 1.35; }
            h1 { font-size: 18pt; margin-bottom: 6pt; }
            h2 { font-size: 13pt; margin-top: 16pt; border-bottom: 0.5pt solid #999; }
            li { margin-bottom: 3pt; }
            """;

    public byte[] render(String markdown) {
        return HtmlPdf.render(html(markdown), "the playbook");
    }

    /** The Markdown as XHTML (every text escaped). */
    static String html(String markdown) {
        StringBuilder body = new StringBuilder();
        StringBuilder paragraph = new StringBuilder();
        boolean inList = false;
        boolean inItem = false;
        for (String line : markdown.split("\n", -1)) {
            String text = line.strip();
            boolean continuation = !text.isEmpty() && line.startsWith("  ") && (inItem || !paragraph.isEmpty());
            if (continuation) {
                (inItem ? body : paragraph).append(' ').append(escape(text));
                continue;
            }
            if (inItem) {
                body.append("</li>");
                inItem = false;
            }
            if (!text.startsWith("- ") && inList) {
                body.append("</ul>");
                inList = false;
            }
            if (text.isEmpty() || text.startsWith("#") || text.startsWith("- ")) {
                flush(body, paragraph);
            }
            if (text.startsWith("## ")) {
                body.append("<h2>").append(escape(text.substring(3))).append("</h2>");
            } else if (text.startsWith("# ")) {
                body.append("<h1>").append(escape(text.substring(2))).append("</h1>");
            } else if (text.startsWith("- ")) {
                if (!inList) {
                    body.append("<ul>");
                    inList = true;
                }
                body.append("<li>").append(escape(text.substring(2)));
                inItem = true;
            } else if (!text.isEmpty()) {
                paragraph.append(paragraph.isEmpty() ? "" : " ").append(escape(text));
            }
        }
        if (inItem) {
            body.append("</li>");
        }
        if (inList) {
            body.append("</ul>");
        }
        flush(body, paragraph);
        return "<html><head><meta charset=\"UTF-8\"/><title>Agent Playbook</title><style>" + STYLE
                + "</style></head><body>" + body + "</body></html>";
    }

    private static void flush(StringBuilder body, StringBuilder paragraph) {
        if (!paragraph.isEmpty()) {
            body.append("<p>").append(paragraph).append("</p>");
            paragraph.setLength(0);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
