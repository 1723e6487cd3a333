package io.lobsterops.provisioning.fleet.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /gateways/{id}/kill}: why the gateway is stopped now. */
public record KillRequest(@NotBlank @Size(max = 1000) String reason) {
}
