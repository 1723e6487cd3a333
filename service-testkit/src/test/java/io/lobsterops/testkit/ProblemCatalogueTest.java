package io.lobsterops.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The catalogue check fails where it should (ADR 0070): a slug twice, a platform slug taken, a maker elsewhere. */
class ProblemCatalogueTest {

    /** Stands in for the kit's ProblemType: a record with a slug, its platform-wide kinds as constants. */
    record Kind(String slug, String title, int status) {
        public static final Kind UNAUTHORIZED = new Kind("unauthorized", "Authentication required", 401);
    }

    static final class Distinct {
        public static final Kind PAID = new Kind("invoice-paid", "Invoice already paid", 409);
        public static final Kind CLOSED = new Kind("account-closed", "Billing account closed", 409);
    }

    static final class Twice {
        public static final Kind PAID = new Kind("invoice-paid", "Invoice already paid", 409);
        public static final Kind ALREADY_PAID = new Kind("invoice-paid", "Paid", 409);
    }

    static final class TakesAPlatformSlug {
        public static final Kind BAD_SECRET = new Kind("unauthorized", "Authentication required", 401);
    }

    @Test
    void distinctSlugsPass() {
        assertEquals(Map.of("PAID", "invoice-paid", "CLOSED", "account-closed"),
                ProblemCatalogue.slugs(Distinct.class));
        assertDoesNotThrow(() -> ProblemCatalogue.assertSlugsDistinct(Distinct.class));
    }

    @Test
    void aSlugTwiceFails() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> ProblemCatalogue.assertSlugsDistinct(Twice.class));
        assertTrue(failure.getMessage().contains("invoice-paid: PAID and ALREADY_PAID"), failure.getMessage());
    }

    @Test
    void aPlatformSlugTakenFails() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> ProblemCatalogue.assertSlugsDistinct(TakesAPlatformSlug.class));
        assertTrue(failure.getMessage().contains("the platform's Kind.UNAUTHORIZED"), failure.getMessage());
    }

    @Test
    void aProblemTypeMadeOutsideTheCatalogueFails(@TempDir Path sources) throws IOException {
        Path catalogue = sources.resolve(Distinct.class.getName().replace('.', '/') + ".java");
        Files.createDirectories(catalogue.getParent());
        Files.writeString(catalogue,
                "static final ProblemType PAID = ProblemType.of(\"invoice-paid\", \"Paid\", 409);\n");
        assertDoesNotThrow(() -> ProblemCatalogue.assertOnlyMaker(Distinct.class, sources));

        Path service = Files.createDirectories(sources.resolve("io/example/service")).resolve("PaymentService.java");
        Files.writeString(service, "class PaymentService {\n"
                + "    static final ProblemType LATE = ProblemType.of(\"late\", \"Late\", 409);\n}\n");
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> ProblemCatalogue.assertOnlyMaker(Distinct.class, sources));
        assertTrue(failure.getMessage().contains("io/example/service/PaymentService.java:2"), failure.getMessage());
    }
}
