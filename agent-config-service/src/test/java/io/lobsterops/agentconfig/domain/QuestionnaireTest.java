package io.lobsterops.agentconfig.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The published questionnaire versions: unique, the current one last, a later one never drops a question. */
class QuestionnaireTest {

    @Test
    void versionsAreUniqueAndTheCurrentOneIsTheLatest() {
        Set<String> seen = new HashSet<>();
        Questionnaire.VERSIONS.forEach(q -> assertTrue(seen.add(q.version()), q.version() + " twice"));
        assertEquals(Questionnaire.VERSIONS.getLast(), Questionnaire.CURRENT);
        assertEquals(Questionnaire.CURRENT, Questionnaire.version(Questionnaire.CURRENT.version()).orElseThrow());
        assertTrue(Questionnaire.version("no-such-version").isEmpty());
    }

    @Test
    void aLaterVersionAddsQuestionsButNeverDropsOne() {
        List<Questionnaire> versions = Questionnaire.VERSIONS;
        for (int i = 1; i < versions.size(); i++) {
            Questionnaire earlier = versions.get(i - 1);
            Questionnaire later = versions.get(i);
            earlier.questions().forEach(q -> assertTrue(later.asks(q.id()), later.version() + " drops " + q.id()));
        }
    }
}
