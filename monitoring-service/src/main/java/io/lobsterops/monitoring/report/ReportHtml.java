package io.lobsterops.monitoring.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

import io.lobsterops.monitoring.domain.ReportFigures;

/**
 * The monthly status report as one self-contained XHTML document (styles inline, charts as inline SVG), or its PDF
 * variant (charts as CSS boxes). Every text from the records is escaped.
 */
public final class ReportHtml {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

    private static final String STYLE = """
            body { font-family: Helvetica, Arial, sans-serif; font-size: 10.5pt; line-height: 1.35; color: #222; }
            h1 { font-size: 18pt; margin-bottom: 2pt; }
            h2 { font-size: 13pt; margin-top: 16pt; border-bottom: 0.5pt solid #999; }
            table.figures { border-collapse: collapse; }
            table.figures td, table.figures th { padding: 2pt 8pt 2pt 0; text-align: left; }
            td.n { text-align: right; }
            table.bars { border-collapse: collapse; }
            table.bars td.bar { width: 14px; padding: 0 1px; vertical-align: bottom; }
            table.bars td.axis { font-size: 7pt; padding-right: 4pt; text-align: right; vertical-align: top; }
            table.bars td.day { font-size: 7pt; text-align: center; }
            p.caption, p.muted { font-size: 8.5pt; color: #555; }
            """;

    private ReportHtml() {
    }

    public static String html(ReportFigures f) {
        return render(f, false);
    }

    /** For openhtmltopdf: the same content, the charts as boxes. */
    public static String forPdf(ReportFigures f) {
        return render(f, true);
    }

    private static String render(ReportFigures f, boolean pdf) {
        String month = MONTH.format(f.from());
        StringBuilder b = new StringBuilder();
        b.append(pdf ? "" : "<!DOCTYPE html>\n").append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>")
                .append("<meta charset=\"UTF-8\"/><title>").append(Html.escape(f.clientName())).append(" - ")
                .append(month).append(" status report</title><style>").append(STYLE).append("</style></head><body>");
        b.append("<h1>").append(Html.escape(f.clientName())).append(": status report, ").append(month).append("</h1>");
        b.append("<p class=\"muted\">Period ").append(f.from()).append(" to ").append(f.to())
                .append(" (UTC). Figures as of ").append(WHEN.format(f.computedAt().atOffset(ZoneOffset.UTC)))
                .append(".</p>");

        var a = f.availability();
        var u = f.usage();
        var r = f.runs().overall();
        b.append("<h2>At a glance</h2><table class=\"figures\">")
                .append(row("Availability", Html.percent(a.percent())))
                .append(row("Incidents", f.incidents().raised() + " (" + f.incidents().resolved() + " resolved, "
                        + f.incidents().open() + " open)"))
                .append(row("Tokens", Html.tokens(u.totalTokens())))
                .append(row("Cost", Html.usd(u.costMicroUsd())))
                .append(row("Runs", r.runs() + (r.runs() == 0 ? "" : " (" + pct(r.successRate()) + " successful)")))
                .append("</table>");

        if (a.percent() == null) {
            b.append("<h2>Availability</h2><p>No health check result was recorded this month.</p>");
        } else {
            b.append("<h2>Availability</h2><p>Your agent answered its health checks ")
                    .append(Html.percent(a.percent())).append(" of the monitored time (")
                    .append(hours(a.downMinutes())).append(" unavailable, ").append(a.healthChanges())
                    .append(a.healthChanges() == 1 ? " change" : " changes").append(" of state).</p>");
        }

        var i = f.incidents();
        b.append("<h2>Incidents and escalations</h2>");
        if (i.raised() == 0) {
            b.append("<p>No incident this month.</p>");
        } else {
            b.append("<p>").append(i.raised()).append(" raised: ");
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, Integer> e : i.byPriority().entrySet()) {
                if (e.getValue() > 0) {
                    parts.add(e.getValue() + " " + e.getKey());
                }
            }
            b.append(String.join(", ", parts)).append("; ").append(i.resolved()).append(" resolved, ")
                    .append(i.open()).append(" still open");
            if (i.meanMinutesToResolve() != null) {
                b.append("; mean time to resolve ").append(hours(i.meanMinutesToResolve()));
            }
            b.append(".</p><table class=\"figures\"><tr><th>Priority</th><th>What</th><th>Raised</th><th>Resolved</th></tr>");
            for (var incident : i.items()) {
                b.append("<tr><td>").append(incident.priority()).append("</td><td>")
                        .append(Html.escape(incident.what())).append("</td><td>")
                        .append(WHEN.format(incident.raisedAt().atOffset(ZoneOffset.UTC))).append("</td><td>")
                        .append(incident.resolvedAt() == null ? "open"
                                : WHEN.format(incident.resolvedAt().atOffset(ZoneOffset.UTC)))
                        .append("</td></tr>");
            }
            b.append("</table>");
        }

        b.append("<h2>Tokens and cost per day</h2><p>").append(Html.tokens(u.totalTokens())).append(" tokens (")
                .append(Html.tokens(u.inputTokens())).append(" in, ").append(Html.tokens(u.outputTokens()))
                .append(" out) for ").append(Html.usd(u.costMicroUsd()));
        if (u.budgetUsdCents() != null) {
            b.append(", ").append(u.budgetPercentUsed()).append(" % of the monthly budget of ")
                    .append(Html.usd(u.budgetUsdCents() * 10_000));
        }
        b.append(".");
        if (u.unpricedDays() > 0) {
            b.append(" On ").append(u.unpricedDays()).append(u.unpricedDays() == 1 ? " day" : " days")
                    .append(" the model's price was unknown: those tokens are counted, their cost is not.");
        }
        b.append("</p>");
        List<DayChart.Bar> tokens = u.days().stream().map(d -> new DayChart.Bar(d.day(), d.tokens())).toList();
        List<DayChart.Bar> costs = u.days().stream().map(d -> new DayChart.Bar(d.day(), d.costMicroUsd())).toList();
        b.append(chart(pdf, "Tokens per day", tokens, Html::tokens, "#3b6ea5"));
        b.append(chart(pdf, "Cost per day (USD)", costs, Html::usd, "#c0703a"));

        b.append("<h2>Runs and quality</h2>");
        if (r.runs() == 0) {
            b.append("<p>No run was recorded this month.</p>");
        } else {
            b.append("<table class=\"figures\">").append(row("Runs", Integer.toString(r.runs())))
                    .append(row("Successful", pct(r.successRate())))
                    .append(row("Failed", Integer.toString(f.runs().failed())))
                    .append(row("Median duration", seconds(r.p50DurationMs())))
                    .append(row("Mean quality", r.meanQuality() == null ? "not scored"
                            : String.format(Locale.US, "%.2f", r.meanQuality())))
                    .append(row("Gold sets", f.runs().goldSets() + " (" + f.runs().goldSetsPassed() + " passed)"
                            + (f.runs().lastGoldSetScore() == null ? ""
                                    : String.format(Locale.US, ", last score %.2f", f.runs().lastGoldSetScore()))))
                    .append("</table>");
        }

        b.append("<h2>What changed</h2>");
        if (f.changes().isEmpty()) {
            b.append("<p>Nothing changed on your agent this month.</p>");
        } else {
            b.append("<ul>");
            for (var change : f.changes()) {
                b.append("<li>").append(WHEN.format(change.at().atOffset(ZoneOffset.UTC))).append(": ")
                        .append(Html.escape(change.summary())).append("</li>");
            }
            b.append("</ul>");
        }

        b.append("<h2>Recommendations</h2><ul>");
        for (String recommendation : f.recommendations()) {
            b.append("<li>").append(Html.escape(recommendation)).append("</li>");
        }
        b.append("</ul></body></html>\n");
        return b.toString();
    }

    private static String chart(boolean pdf, String title, List<DayChart.Bar> bars, LongFunction<String> label,
            String colour) {
        return pdf ? DayChart.boxes(title, bars, label, colour)
                : "<figure>" + DayChart.svg(title, bars, label, colour) + "<figcaption class=\"caption\">"
                        + Html.escape(title) + "</figcaption></figure>";
    }

    private static String row(String name, String value) {
        return "<tr><th>" + Html.escape(name) + "</th><td>" + Html.escape(value) + "</td></tr>";
    }

    private static String pct(double share) {
        return String.format(Locale.US, "%.1f %%", share * 100);
    }

    private static String hours(long minutes) {
        return minutes < 120 ? minutes + " min" : String.format(Locale.US, "%.1f h", minutes / 60.0);
    }

    private static String seconds(long ms) {
        return String.format(Locale.US, "%.1f s", ms / 1000.0);
    }
}
