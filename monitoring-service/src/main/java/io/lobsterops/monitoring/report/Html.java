package io.lobsterops.monitoring.report;

import java.util.Locale;

/** Escaping and the report's number formats (tokens 31,500; cost $0.37; availability 99.58 %). */
public final class Html {

    private Html() {
    }

    public static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    public static String tokens(long tokens) {
        return String.format(Locale.US, "%,d", tokens);
    }

    /** Millionths of a dollar as dollars: two decimals, four below one cent so a small cost never reads $0.00. */
    public static String usd(long micro) {
        if (micro > 0 && micro < 10_000) {
            return String.format(Locale.US, "$%,.4f", micro / 1_000_000.0);
        }
        return String.format(Locale.US, "$%,.2f", micro / 1_000_000.0);
    }

    public static String percent(Double percent) {
        return percent == null ? "no probe data" : String.format(Locale.US, "%.2f %%", percent);
    }
}
