package io.lobsterops.notification.api;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A planned maintenance of an engagement's agent from {@code startsAt} to {@code endsAt}. {@code reason} is internal
 * (staff and the silence); the client is told only the times, in its own words.
 */
public record MaintenanceWindowRequest(
        @NotNull Instant startsAt,
        @NotNull Instant endsAt,
        @NotBlank @Size(max = 500) String reason) {
}
