package io.lobsterops.notification.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a message (plain title, body in the inbox's Markdown subset) into what each channel reads: Telegram
 * MarkdownV2, HTML and plain text for e-mail, Slack mrkdwn. The subset is what {@link EngagementMessages} writes:
 * {@code \x} escapes, {@code **bold**}, {@code `code`}; everything else is literal text and is escaped for the channel.
 */
public final class Rendering {

    /** Characters Telegram's MarkdownV2 reserves outside code: each must be preceded by a backslash. */
    static final String TELEGRAM_RESERVED = "_*[]()~`>#+-=|{}.!\\";

    private Rendering() {
    }

    private enum Style {
        TEXT, BOLD, CODE
    }

    private interface Sink {
        void text(char c);

        void style(Style style, boolean open);
    }

    /** Walks the Markdown subset, reporting literal characters and style changes. */
    private static void walk(String markdown, Sink sink) {
        boolean bold = false;
        boolean code = false;
        int n = markdown.length();
        for (int i = 0; i < n; i++) {
            char c = markdown.charAt(i);
            if (!code && c == '\\' && i + 1 < n) {
                sink.text(markdown.charAt(++i));
            } else if (!code && c == '*' && i + 1 < n && markdown.charAt(i + 1) == '*') {
                bold = !bold;
                sink.style(Style.BOLD, bold);
                i++;
            } else if (c == '`') {
                code = !code;
                sink.style(Style.CODE, code);
            } else {
                sink.text(c);
            }
        }
        if (code) {
            sink.style(Style.CODE, false);
        }
        if (bold) {
            sink.style(Style.BOLD, false);
        }
    }

    /** Telegram MarkdownV2: the title in bold, then the body; every reserved character escaped. */
    public static String telegram(String title, String body) {
        StringBuilder out = new StringBuilder();
        out.append('*').append(telegramEscape(title)).append("*\n\n");
        boolean[] inCode = { false };
        walk(body == null ? "" : body, new Sink() {
            @Override
            public void text(char c) {
                if (inCode[0]) {
                    if (c == '`' || c == '\\') {
                        out.append('\\');
                    }
                } else if (TELEGRAM_RESERVED.indexOf(c) >= 0) {
                    out.append('\\');
                }
                out.append(c);
            }

            @Override
            public void style(Style style, boolean open) {
                if (style == Style.CODE) {
                    inCode[0] = open;
                    out.append('`');
                } else {
                    out.append('*');
                }
            }
        });
        return out.toString().stripTrailing();
    }

    public static String telegramEscape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (TELEGRAM_RESERVED.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Plain text: the title, a blank line, the body without Markdown. */
    public static String plain(String title, String body) {
        StringBuilder out = new StringBuilder(title).append("\n\n");
        walk(body == null ? "" : body, new Sink() {
            @Override
            public void text(char c) {
                out.append(c);
            }

            @Override
            public void style(Style style, boolean open) {
            }
        });
        return out.toString().stripTrailing() + "\n";
    }

    /** HTML for an e-mail: every character escaped, bold and code kept, lines kept. */
    public static String html(String title, String body) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html><html><body><h2>").append(htmlEscape(title))
                .append("</h2>\n<p>");
        walk(body == null ? "" : body, new Sink() {
            @Override
            public void text(char c) {
                switch (c) {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    case '"' -> out.append("&quot;");
                    case '\n' -> out.append("<br>\n");
                    default -> out.append(c);
                }
            }

            @Override
            public void style(Style style, boolean open) {
                String tag = style == Style.BOLD ? "strong" : "code";
                out.append(open ? "<" + tag + ">" : "</" + tag + ">");
            }
        });
        return out.append("</p></body></html>\n").toString();
    }

    public static String htmlEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Slack mrkdwn: {@code &}, {@code <} and {@code >} escaped, bold as {@code *x*}, code kept. */
    public static String slack(String title, String body) {
        StringBuilder out = new StringBuilder("*").append(slackEscape(title).replace("*", "")).append("*\n\n");
        walk(body == null ? "" : body, new Sink() {
            @Override
            public void text(char c) {
                switch (c) {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    default -> out.append(c);
                }
            }

            @Override
            public void style(Style style, boolean open) {
                out.append(style == Style.BOLD ? "*" : "`");
            }
        });
        return out.toString().stripTrailing();
    }

    public static String slackEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * Splits a Telegram text into parts of at most {@code limit} characters, on line boundaries; a single longer line
     * is cut, never inside an escape ({@code \x}). Bold and code spans never cross a line in our messages, so each
     * part parses on its own unless a single line longer than the limit is cut.
     */
    public static List<String> split(String text, int limit) {
        List<String> parts = new ArrayList<>();
        if (text.length() <= limit) {
            parts.add(text);
            return parts;
        }
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String piece = current.isEmpty() ? line : "\n" + line;
            if (current.length() + piece.length() <= limit) {
                current.append(piece);
                continue;
            }
            if (!current.isEmpty()) {
                parts.add(current.toString());
                current.setLength(0);
            }
            String rest = line;
            while (rest.length() > limit) {
                int cut = limit;
                int backslashes = 0;
                for (int i = cut - 1; i >= 0 && rest.charAt(i) == '\\'; i--) {
                    backslashes++;
                }
                if (backslashes % 2 == 1) {
                    cut--;
                }
                parts.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            current.append(rest);
        }
        if (!current.isEmpty()) {
            parts.add(current.toString());
        }
        return parts;
    }
}
