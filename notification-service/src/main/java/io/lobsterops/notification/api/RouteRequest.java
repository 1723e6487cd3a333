package io.lobsterops.notification.api;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.lobsterops.notification.domain.Audience;
import io.lobsterops.notification.domain.Channel;
import io.lobsterops.notification.domain.Priority;

/**
 * A routing rule: messages of {@code audience} (and, when given, of {@code priority}, {@code eventType},
 * {@code clientId}) go to {@code channel} — every reachable destination of it, or only {@code destinationId}.
 */
public record RouteRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull Audience audience,
        Priority priority,
        @Pattern(regexp = "lobsterops\\.[a-z-]+\\.[a-z-]+", message = "must be an event type such as "
                + "lobsterops.escalation.raised") String eventType,
        @Size(max = 100) String clientId,
        @NotNull Channel channel,
        UUID destinationId,
        Boolean repage,
        Boolean enabled) {
}
