package io.lobsterops.billing.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.lobsterops.billing.domain.DiscoveryAnswers;

/** Billing's copy of an engagement's discovery answers, as the newest discovery.answered carried them. */
public record DiscoveryView(UUID engagementId, String questionnaireVersion, String answeredBy, Instant answeredAt,
        List<DiscoveryAnswers.Answer> answers) {

    public static DiscoveryView from(DiscoveryAnswers d) {
        return new DiscoveryView(d.engagementId, d.questionnaireVersion, d.answeredBy, d.answeredAt, d.answers);
    }
}
