package io.lobsterops.agentconfig.lint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words that cannot identify a client: the common-words list ({@code lint/common-words.txt}) and every word of the
 * rendered templates themselves (a client named "Email" or "Daily" would otherwise match every agent's files).
 */
final class CommonWords {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final List<String> TEMPLATES = List.of("templates/workspace/AGENTS.md",
            "templates/workspace/SOUL.md", "templates/workspace/IDENTITY.md", "templates/workspace/USER.md",
            "templates/playbook/PLAYBOOK.md");
    private static final Set<String> WORDS = load();

    private CommonWords() {
    }

    static boolean contains(String word) {
        return WORDS.contains(word.toLowerCase(Locale.ROOT));
    }

    /** The words of {@code text}, lower case. */
    static List<String> words(String text) {
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        List<String> words = new java.util.ArrayList<>();
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    /** A name is distinctive when one of its words (three characters or more) is neither common nor templated. */
    static boolean distinctive(String name) {
        return words(name).stream().anyMatch(w -> w.length() >= 3 && !WORDS.contains(w));
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        String list = read("lint/common-words.txt");
        for (String line : list.split("\\R")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                words.add(line.strip().toLowerCase(Locale.ROOT));
            }
        }
        for (String template : TEMPLATES) {
            String text = read(template);
            // Qute expressions ({agent.name}, {#for …}) are code, not words a reader sees
            words.addAll(words(text.replaceAll("\\{[^}]*\\}", " ")));
        }
        return Set.copyOf(words);
    }

    private static String read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader() != null
                && Thread.currentThread().getContextClassLoader().getResource(resource) != null
                        ? Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)
                        : CommonWords.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
