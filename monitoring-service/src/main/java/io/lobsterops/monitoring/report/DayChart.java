package io.lobsterops.monitoring.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * A bar per day of the month, drawn by hand: as inline SVG for the HTML report, and as CSS boxes for the PDF
 * (openhtmltopdf draws no SVG without its Batik plug-in, which this build does not carry).
 */
final class DayChart {

    static final int WIDTH = 620;
    static final int HEIGHT = 160;
    private static final int LEFT = 70;
    private static final int BOTTOM = 20;
    private static final int TOP = 10;

    record Bar(LocalDate day, long value) {
    }

    private DayChart() {
    }

    static String svg(String title, List<Bar> bars, LongFunction<String> label, String colour) {
        long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
        int plotWidth = WIDTH - LEFT - 10;
        int plotHeight = HEIGHT - BOTTOM - TOP;
        double slot = bars.isEmpty() ? plotWidth : (double) plotWidth / bars.size();
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">")
                .append("<title>").append(Html.escape(title)).append("</title>");
        svg.append(line(LEFT, TOP, LEFT, TOP + plotHeight)).append(line(LEFT, TOP + plotHeight, WIDTH - 10,
                TOP + plotHeight));
        svg.append(text(LEFT - 6, TOP + 10, "end", label.apply(max)));
        svg.append(text(LEFT - 6, TOP + plotHeight, "end", label.apply(0)));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double height = (double) bar.value() * plotHeight / max;
            double x = LEFT + i * slot + slot * 0.15;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %s</title></rect>",
                    x, TOP + plotHeight - height, slot * 0.7, height, colour, bar.day(),
                    Html.escape(label.apply(bar.value()))));
            int dayOfMonth = bar.day().getDayOfMonth();
            if (dayOfMonth == 1 || dayOfMonth % 5 == 0) {
                svg.append(text((int) Math.round(x + slot * 0.35), HEIGHT - 5, "middle",
                        Integer.toString(dayOfMonth)));
            }
        }
        return svg.append("</svg>").toString();
    }

    /** The same bars as boxes in a table row, for the PDF. */
    static String boxes(String title, List<Bar> bars, LongFunction<String> label, String colour) {
        long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
        int plotHeight = 90;
        StringBuilder html = new StringBuilder("<table class=\"bars\"><tr><td class=\"axis\">")
                .append(Html.escape(label.apply(max))).append("</td>");
        for (Bar bar : bars) {
            long height = Math.round((double) bar.value() * plotHeight / max);
            html.append("<td class=\"bar\"><div style=\"height:").append(plotHeight - height)
                    .append("px\"></div><div style=\"height:").append(height).append("px;background:").append(colour)
                    .append("\"></div></td>");
        }
        html.append("</tr><tr><td class=\"axis\">").append(Html.escape(label.apply(0))).append("</td>");
        for (Bar bar : bars) {
            int dayOfMonth = bar.day().getDayOfMonth();
            html.append("<td class=\"day\">").append(dayOfMonth == 1 || dayOfMonth % 5 == 0 ? dayOfMonth : "")
                    .append("</td>");
        }
        return html.append("</tr></table><p class=\"caption\">").append(Html.escape(title)).append("</p>").toString();
    }

    private static String line(int x1, int y1, int x2, int y2) {
        return "<line x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2
                + "\" stroke=\"#555\" stroke-width=\"1\"/>";
    }

    private static String text(int x, int y, String anchor, String value) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"10\" text-anchor=\"" + anchor + "\">"
                + Html.escape(value) + "</text>";
    }
}
