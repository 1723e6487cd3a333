package io.lobsterops.notification.api;

import org.junit.jupiter.api.Test;

import io.lobsterops.testkit.ProblemCatalogue;

/** {@link NotificationProblems} is the one catalogue of this service's problem types (ADR 0070). */
class NotificationProblemsTest {

    @Test
    void everyProblemTypeHasASlugOfItsOwn() {
        ProblemCatalogue.assertSlugsDistinct(NotificationProblems.class);
    }

    @Test
    void noOtherClassMakesAProblemType() {
        ProblemCatalogue.assertOnlyMaker(NotificationProblems.class);
    }
}
