package io.lobsterops.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@value EventTypes#DISCOVERY_ANSWERED}: the discovery answers of an engagement changed (agent-config-service). It
 * carries every current answer, not only the changed ones, so a consumer keeps its own copy by replacing what it had
 * (billing writes the proposal and the SOW from it).
 */
public record DiscoveryAnswered(
        UUID engagementId,
        String clientId,
        String questionnaireVersion,
        List<Answer> answers,
        String answeredBy,
        Instant answeredAt) implements EngagementEvent {

    /** One question (its id and English text) and the client's answer to it. */
    public record Answer(String questionId, String question, String answer) {
    }

    @Override
    public String type() {
        return EventTypes.DISCOVERY_ANSWERED;
    }
}
