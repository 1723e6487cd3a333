package io.lobsterops.provisioning.fleet.ssh;

/** Quoting for POSIX shells: every value put into a remote command line goes through {@link #quote}. */
public final class Shell {

    private Shell() {
    }

    /** {@code value} as one single-quoted shell word. */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }

    /** Runs {@code script} with bash; the script is an argument, so it must never contain a secret. */
    public static String bash(String script) {
        return "bash -c " + quote(script);
    }

    /** {@code value} as a JSON string literal. */
    public static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
