package io.lobsterops.notification.api;

import java.time.Instant;
import java.util.UUID;

import io.lobsterops.notification.domain.Silence;

public record SilenceView(UUID id, String clientId, UUID engagementId, String reason, Instant startsAt,
        Instant endsAt, String createdBy, Instant createdAt) {

    public static SilenceView from(Silence s) {
        return new SilenceView(s.id, s.clientId, s.engagementId, s.reason, s.startsAt, s.endsAt, s.createdBy,
                s.createdAt);
    }
}
