package io.lobsterops.agentconfig.api;

import java.util.List;
import java.util.Map;

import io.lobsterops.agentconfig.domain.Questionnaire;

/** The discovery questionnaire, its questions in every language it is written in. */
public record QuestionnaireView(String version, boolean current, List<QuestionView> questions) {

    public static QuestionnaireView from(Questionnaire questionnaire) {
        return new QuestionnaireView(questionnaire.version(), questionnaire == Questionnaire.CURRENT,
                questionnaire.questions().stream()
                .map(q -> new QuestionView(q.id(), q.text())).toList());
    }

    public record QuestionView(String id, Map<String, String> text) {
    }
}
