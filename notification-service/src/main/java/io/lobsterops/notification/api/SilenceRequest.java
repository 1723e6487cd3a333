package io.lobsterops.notification.api;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Holds a client's (or one engagement's) messages in the cockpit from {@code startsAt} (default now) to {@code endsAt}. */
public record SilenceRequest(
        @NotBlank @Size(max = 100) String clientId,
        UUID engagementId,
        @NotBlank @Size(max = 500) String reason,
        Instant startsAt,
        @NotNull Instant endsAt) {
}
