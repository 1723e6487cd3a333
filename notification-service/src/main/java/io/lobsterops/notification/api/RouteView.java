package io.lobsterops.notification.api;

import java.time.Instant;
import java.util.UUID;

import io.lobsterops.notification.domain.Audience;
import io.lobsterops.notification.domain.Channel;
import io.lobsterops.notification.domain.Priority;
import io.lobsterops.notification.domain.Route;

public record RouteView(UUID id, String name, Audience audience, Priority priority, String eventType,
        String clientId, Channel channel, UUID destinationId, boolean repage, boolean enabled, Instant createdAt,
        String createdBy) {

    public static RouteView from(Route r) {
        return new RouteView(r.id, r.name, r.audience, r.priority, r.eventType, r.clientId, r.channel,
                r.destinationId, r.repage, r.enabled, r.createdAt, r.createdBy);
    }
}
