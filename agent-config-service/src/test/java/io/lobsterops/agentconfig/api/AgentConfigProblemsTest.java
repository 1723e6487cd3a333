package io.lobsterops.agentconfig.api;

import org.junit.jupiter.api.Test;

import io.lobsterops.testkit.ProblemCatalogue;

/** {@link AgentConfigProblems} is the one catalogue of this service's problem types (ADR 0070). */
class AgentConfigProblemsTest {

    @Test
    void everyProblemTypeHasASlugOfItsOwn() {
        ProblemCatalogue.assertSlugsDistinct(AgentConfigProblems.class);
    }

    @Test
    void noOtherClassMakesAProblemType() {
        ProblemCatalogue.assertOnlyMaker(AgentConfigProblems.class);
    }
}
