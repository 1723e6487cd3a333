package io.lobsterops.monitoring.domain;

import java.util.List;
import java.util.UUID;

import io.lobsterops.events.Handoff;
import io.lobsterops.events.Priority;

/**
 * A rule fired for an engagement: what it found and the runbook's handoff (context, what was tried, the options,
 * the recommendation, the urgency). {@code ruleKey} names the rule in the dedup key; an incident adds its kind.
 */
public record Finding(UUID engagementId, String clientId, String ruleKey, Priority priority, String summary,
        Handoff handoff) {

    public static Finding of(UUID engagementId, String clientId, EscalationRule rule, String summary, String context,
            String tried, List<String> options, String recommendation) {
        return new Finding(engagementId, clientId, rule.key(), rule.priority(), summary,
                new Handoff(context, tried, options, recommendation, urgency(rule.priority())));
    }

    public static String urgency(Priority priority) {
        return switch (priority) {
            case P0 -> "now: page until acknowledged";
            case P1 -> "within the hour";
            case P2 -> "today";
            case P3 -> "this week";
        };
    }
}
