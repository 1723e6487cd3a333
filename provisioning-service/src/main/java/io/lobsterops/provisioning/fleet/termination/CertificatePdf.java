package io.lobsterops.provisioning.fleet.termination;

import io.lobsterops.kit.pdf.HtmlPdf;

/** The deletion certificate as PDF (openhtmltopdf), from the same view as its JSON. */
final class CertificatePdf {

    private CertificatePdf() {
    }

    static byte[] render(CertificateView c) {
        return HtmlPdf.render(html(c), "the certificate");
    }

    static String html(CertificateView c) {
        StringBuilder rows = new StringBuilder();
        for (Deleted d : c.deleted()) {
            rows.append("<tr><td>").append(esc(d.what())).append("</td><td>").append(esc(d.where()))
                    .append("</td><td>").append(esc(d.at())).append("</td></tr>");
        }
        CertificateView.Archive a = c.archive();
        return "<html><head><meta charset=\"UTF-8\"/><title>Deletion certificate</title><style>"
                + "body{font-family:Helvetica,sans-serif;font-size:10pt}h1{font-size:17pt}"
                + "table{border-collapse:collapse;width:100%}td,th{border:0.5pt solid #999;padding:3pt;"
                + "vertical-align:top;text-align:left}.mono{font-family:Courier,monospace;font-size:8.5pt}"
                + "</style></head><body>"
                + "<h1>Deletion certificate</h1>"
                + "<p>Termination " + esc(String.valueOf(c.terminationId())) + " of engagement "
                + esc(String.valueOf(c.engagementId())) + " (client " + esc(c.clientId()) + ").</p>"
                + "<p>Requested by " + esc(c.requestedBy()) + " at " + esc(String.valueOf(c.requestedAt()))
                + "; completed at " + esc(String.valueOf(c.terminatedAt())) + " (" + esc(c.status()) + ").</p>"
                + "<p>Reason: " + esc(c.reason()) + "</p>"
                + (c.host() == null ? "" : "<p>Host: " + esc(c.host()) + "</p>")
                + "<h2>Archived</h2><p>Manifest SHA-256: <span class=\"mono\">" + esc(String.valueOf(a.manifestSha256()))
                + "</span><br/>" + a.files() + " file(s), " + a.bytes() + " bytes; kept until "
                + esc(String.valueOf(a.retainUntil()))
                + (a.deletedAt() == null ? "" : "; deleted at " + esc(String.valueOf(a.deletedAt()))) + "</p>"
                + "<h2>Deleted</h2><table><tr><th>What</th><th>Where</th><th>When</th></tr>" + rows + "</table>"
                + "</body></html>";
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
