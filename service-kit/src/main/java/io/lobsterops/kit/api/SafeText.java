package io.lobsterops.kit.api;

/**
 * What text the platform accepts from outside: no C0 control character but newline and tab, no DEL, no C1 control
 * character, no bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069), no lone surrogate. Those
 * characters either break storage (PostgreSQL refuses NUL) or let text display differently from what it is
 * (a file name or a reason that reads backwards in a reviewer's screen).
 */
public final class SafeText {

    private SafeText() {
    }

    /** The index of the first character this platform refuses, or -1 when {@code text} is safe. */
    public static int firstUnsafe(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (unsafe(c)) {
                return i;
            }
        }
        return -1;
    }

    static boolean unsafe(char c) {
        if (c == '\n' || c == '\t') {
            return false;
        }
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || Character.isSurrogate(c);
    }

    /** How a refused character is named in a problem: {@code U+0000 (a control character) at position 3}. */
    public static String describe(CharSequence text, int index) {
        char c = text.charAt(index);
        String kind = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ? "a bidirectional override"
                : Character.isSurrogate(c) ? "a lone surrogate" : "a control character";
        return String.format("U+%04X (%s) at position %d", (int) c, kind, index + 1);
    }
}
