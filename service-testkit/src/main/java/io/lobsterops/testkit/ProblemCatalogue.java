package io.lobsterops.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checks a service's problem catalogue (ADR 0070): the one final class whose constants are every problem type the
 * service adds to the platform's. Read by reflection, so the testkit needs no compile-time tie to the kit's
 * {@code ProblemType}: a constant is a static final field of the record type that has a {@code slug()}.
 */
public final class ProblemCatalogue {

    /** What makes a problem type in source: only the catalogue may say it. */
    private static final List<String> MAKERS = List.of("ProblemType.of(", "new ProblemType(");

    private ProblemCatalogue() {
    }

    /**
     * Fails when two constants of {@code catalogue} share a slug, or one takes the slug of a platform-wide kind (a
     * constant of the problem type class itself): each {@code type} URI means one thing in a service.
     */
    public static void assertSlugsDistinct(Class<?> catalogue) {
        Map<String, String> slugs = slugs(catalogue);
        assertFalse(slugs.isEmpty(), catalogue.getSimpleName() + " has no problem types");
        Class<?> type = constants(catalogue).getFirst().getType();
        Map<String, String> platform = slugs(type);
        Map<String, String> seen = new LinkedHashMap<>();
        List<String> clashes = new ArrayList<>();
        slugs.forEach((constant, slug) -> {
            String before = seen.putIfAbsent(slug, constant);
            if (before != null) {
                clashes.add(slug + ": " + before + " and " + constant);
            }
            platform.forEach((kind, platformSlug) -> {
                if (platformSlug.equals(slug)) {
                    clashes.add(slug + ": " + constant + " and the platform's " + type.getSimpleName() + "." + kind);
                }
            });
        });
        assertEquals(List.of(), clashes, "slugs of " + catalogue.getSimpleName() + " used twice");
    }

    /**
     * Fails when a Java source below {@code src/main/java} (surefire runs in the module's directory), other than the
     * catalogue's own, makes a problem type.
     */
    public static void assertOnlyMaker(Class<?> catalogue) {
        assertOnlyMaker(catalogue, Path.of("src", "main", "java"));
    }

    /** {@link #assertOnlyMaker(Class)} over the sources below {@code sources}. */
    public static void assertOnlyMaker(Class<?> catalogue, Path sources) {
        if (!Files.isDirectory(sources)) {
            fail(sources.toAbsolutePath() + " is not a source directory: run from the module's directory");
        }
        Path own = sources.resolve(catalogue.getName().replace('.', '/') + ".java");
        List<String> makers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                if (file.equals(own)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (MAKERS.stream().anyMatch(line::contains)) {
                        makers.add(sources.relativize(file) + ":" + (i + 1) + ": " + line.strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(List.of(), makers, "problem types made outside " + catalogue.getSimpleName()
                + "; add them to it and refer to its constants");
    }

    /** The slug of each constant of {@code holder}, by constant name, in declaration order. */
    public static Map<String, String> slugs(Class<?> holder) {
        Map<String, String> slugs = new LinkedHashMap<>();
        for (Field field : constants(holder)) {
            try {
                Object kind = field.get(null);
                slugs.put(field.getName(), (String) kind.getClass().getMethod("slug").invoke(kind));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(field + ": not a problem type", e);
            }
        }
        return slugs;
    }

    private static List<Field> constants(Class<?> holder) {
        return Stream.of(holder.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers()))
                .filter(f -> f.getType().isRecord() && hasSlug(f.getType()))
                .toList();
    }

    private static boolean hasSlug(Class<?> type) {
        return Stream.of(type.getRecordComponents()).anyMatch(c -> c.getName().equals("slug"));
    }
}
