package io.lobsterops.provisioning.fleet.openclaw;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Removes secrets from captured output before it is stored, logged or published. */
public final class Redactor {

    public static final String MASK = "[REDACTED]";

    /** Shapes of credentials even when the value is not known: provider keys, Telegram bot tokens, private keys. */
    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("sk-[A-Za-z0-9_\\-]{8,}"),
            Pattern.compile("\\b\\d{6,12}:[A-Za-z0-9_\\-]{30,}\\b"),
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----"));

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    public static Redactor of(String... secrets) {
        return new Redactor(java.util.Arrays.stream(secrets).filter(Objects::nonNull).filter(s -> s.length() >= 4)
                .toList());
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        for (Pattern shape : SHAPES) {
            out = shape.matcher(out).replaceAll(MASK);
        }
        return out;
    }
}
