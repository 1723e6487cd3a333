package io.lobsterops.monitoring.api;

import org.junit.jupiter.api.Test;

import io.lobsterops.testkit.ProblemCatalogue;

/** {@link MonitoringProblems} is the one catalogue of this service's problem types (ADR 0070). */
class MonitoringProblemsTest {

    @Test
    void everyProblemTypeHasASlugOfItsOwn() {
        ProblemCatalogue.assertSlugsDistinct(MonitoringProblems.class);
    }

    @Test
    void noOtherClassMakesAProblemType() {
        ProblemCatalogue.assertOnlyMaker(MonitoringProblems.class);
    }
}
