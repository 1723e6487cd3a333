package io.lobsterops.provisioning.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.lobsterops.kit.api.ProblemType;

/** The catalogue is the one place provisioning defines its problem types, each slug answered by one constant. */
class ProvisioningProblemsTest {

    /** The module's main sources; surefire runs with the module's base directory as the working directory. */
    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private static final Path DOCS = Path.of("../docs/problems.md");
    private static final Path CATALOGUE = MAIN_SOURCES
            .resolve("io/lobsterops/provisioning/api/ProvisioningProblems.java");

    private static List<ProblemType> catalogue() {
        return Arrays.stream(ProvisioningProblems.class.getDeclaredFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == ProblemType.class)
                .map(ProvisioningProblemsTest::value).toList();
    }

    private static ProblemType value(Field field) {
        try {
            return (ProblemType) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(field.getName() + " is not a public constant", e);
        }
    }

    @Test
    void everySlugIsAnsweredByOneConstant() {
        Map<String, Long> slugs = catalogue().stream()
                .collect(Collectors.groupingBy(ProblemType::slug, Collectors.counting()));
        List<String> twice = slugs.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        assertTrue(twice.isEmpty(), "slugs defined more than once: " + twice);
        assertFalse(slugs.isEmpty(), "the catalogue defines no problem type");
    }

    @Test
    void noSlugTakesOneOfTheKitsPlatformWideOnes() {
        List<String> kit = List.of(ProblemType.VALIDATION, ProblemType.MALFORMED, ProblemType.BAD_REQUEST,
                ProblemType.UNAUTHORIZED, ProblemType.FORBIDDEN, ProblemType.NOT_FOUND, ProblemType.METHOD_NOT_ALLOWED,
                ProblemType.NOT_ACCEPTABLE, ProblemType.CONFLICT, ProblemType.UNSUPPORTED_MEDIA_TYPE,
                ProblemType.UNAVAILABLE, ProblemType.INTERNAL).stream().map(ProblemType::slug).toList();
        assertEquals(List.of(), catalogue().stream().map(ProblemType::slug).filter(kit::contains).toList());
    }

    @Test
    void onlyTheCatalogueDefinesProblemTypes() throws IOException {
        assertTrue(Files.isRegularFile(CATALOGUE), "run from the module's directory: " + CATALOGUE + " not found");
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            List<Path> others = files.filter(file -> file.toString().endsWith(".java") && !file.equals(CATALOGUE))
                    .filter(ProvisioningProblemsTest::definesProblemType).toList();
            assertEquals(List.of(), others, "problem types belong in ProvisioningProblems");
        }
    }

    @Test
    void everyTypeIsListedInTheDocsWithItsStatusAndTitle() throws IOException {
        String docs = Files.readString(DOCS);
        String section = docs.substring(docs.indexOf("## provisioning-service"));
        int next = section.indexOf("\n## ", 1);
        String ours = next < 0 ? section : section.substring(0, next);
        List<String> missing = catalogue().stream()
                .map(type -> "| `" + type.slug() + "` | " + type.status() + " | " + type.title() + " |")
                .filter(row -> !ours.contains(row)).toList();
        assertEquals(List.of(), missing, "rows missing from " + DOCS + "'s provisioning-service section");
    }

    private static boolean definesProblemType(Path file) {
        try {
            String source = Files.readString(file);
            return source.contains("ProblemType.of(") || source.contains("new ProblemType(");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
