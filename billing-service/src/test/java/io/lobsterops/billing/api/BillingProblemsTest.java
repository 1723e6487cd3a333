package io.lobsterops.billing.api;

import org.junit.jupiter.api.Test;

import io.lobsterops.testkit.ProblemCatalogue;

/** {@link BillingProblems} is the one catalogue of this service's problem types (ADR 0070). */
class BillingProblemsTest {

    @Test
    void everyProblemTypeHasASlugOfItsOwn() {
        ProblemCatalogue.assertSlugsDistinct(BillingProblems.class);
    }

    @Test
    void noOtherClassMakesAProblemType() {
        ProblemCatalogue.assertOnlyMaker(BillingProblems.class);
    }
}
