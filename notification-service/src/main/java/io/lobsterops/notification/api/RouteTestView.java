package io.lobsterops.notification.api;

import java.util.List;
import java.util.UUID;

import io.lobsterops.notification.domain.Audience;
import io.lobsterops.notification.domain.Priority;

/** Where an event would go: each of its messages, whether a silence holds it, and its destinations. */
public record RouteTestView(String type, List<MessageRoute> messages) {

    public record MessageRoute(Audience audience, Priority priority, String title, String groupKey, boolean silenced,
            List<Target> destinations, List<String> misaddressedRules) {
    }

    public record Target(UUID destinationId, String name, String channel, String clientId, boolean pages) {
    }
}
