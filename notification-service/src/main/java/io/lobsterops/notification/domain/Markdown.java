package io.lobsterops.notification.domain;

/** Markdown helpers for message bodies built from event fields. */
public final class Markdown {

    private static final String SPECIAL = "\\`*_{}[]()<>#+-.!|~";

    private Markdown() {
    }

    /** {@code text} as literal Markdown: every character Markdown could read as syntax is escaped. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c == '\n' || c == '\r' ? ' ' : c);
        }
        return out.toString();
    }
}
