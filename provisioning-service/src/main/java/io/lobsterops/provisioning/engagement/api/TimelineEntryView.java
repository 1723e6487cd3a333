package io.lobsterops.provisioning.engagement.api;

import java.time.Instant;

import io.lobsterops.provisioning.engagement.domain.TimelineEvent;

/** One line of an engagement's timeline: the event's type, time, source service, actor and summary. */
public record TimelineEntryView(String type, Instant time, String source, String actor, String summary) {

    public static TimelineEntryView forStaff(TimelineEvent e) {
        return new TimelineEntryView(e.type, e.occurredAt, e.source, e.actor, e.summary);
    }

    public static TimelineEntryView forClient(TimelineEvent e) {
        return new TimelineEntryView(e.type, e.occurredAt, e.source, e.actor, e.clientSummary);
    }
}
