package io.lobsterops.events;

import java.util.List;

/** The runbook's handoff of an escalation: what a person needs to decide without digging. */
public record Handoff(
        String context,
        String tried,
        List<String> options,
        String recommendation,
        String urgency) {
}
