package io.lobsterops.agentconfig.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.lobsterops.agentconfig.domain.Questionnaire;
import io.lobsterops.agentconfig.service.AgentService.Discovery;

/** An engagement's discovery: the answers given so far (who, when) and the questions still open. */
public record DiscoveryView(UUID engagementId, String questionnaireVersion, List<AnswerView> answers,
        List<String> unanswered) {

    public static DiscoveryView from(Discovery discovery) {
        Set<String> answered = discovery.answers().stream().map(a -> a.questionId).collect(Collectors.toSet());
        return new DiscoveryView(discovery.engagementId(), Questionnaire.CURRENT.version(),
                discovery.answers().stream().map(a -> new AnswerView(a.questionId, a.answer, a.questionnaireVersion,
                        a.answeredBy, a.answeredAt)).toList(),
                Questionnaire.CURRENT.questions().stream().map(Questionnaire.Question::id)
                        .filter(id -> !answered.contains(id)).toList());
    }

    public record AnswerView(String questionId, String answer, String questionnaireVersion, String answeredBy,
            Instant answeredAt) {
    }
}
