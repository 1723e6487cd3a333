package io.lobsterops.provisioning.engagement.api;

import java.time.Instant;

import io.lobsterops.provisioning.engagement.domain.LaunchChecklist;

/** One item of the launch checklist: DONE / WAITING / BLOCKED, the event that completed it and when. */
public record ChecklistItemView(String key, String title, LaunchChecklist.Status status, String eventType,
        String eventId, Instant at, String note) {

    public static ChecklistItemView of(LaunchChecklist.Item item, boolean client) {
        return new ChecklistItemView(item.key(), item.title(), item.status(), item.eventType(),
                client ? null : item.eventId(), item.at(), client ? item.clientNote() : item.note());
    }
}
