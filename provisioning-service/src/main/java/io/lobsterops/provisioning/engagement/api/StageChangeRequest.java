package io.lobsterops.provisioning.engagement.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.lobsterops.events.Stage;

/** {@code POST /engagements/{id}/stage}: where to, and optionally why. */
public record StageChangeRequest(@NotNull Stage stage, @Size(max = 1000) String reason) {
}
