package io.lobsterops.notification.api;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** An event as it would arrive: its CloudEvent type and its payload. Nothing is stored or sent. */
public record RouteTestRequest(@NotBlank String type, @NotNull JsonNode event) {
}
