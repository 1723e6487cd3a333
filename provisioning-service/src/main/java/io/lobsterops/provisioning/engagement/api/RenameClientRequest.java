package io.lobsterops.provisioning.engagement.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code PUT /clients/{id}/name}: the client's corrected name (the rules of {@code clientName} at opening) and why. */
public record RenameClientRequest(
        @NotBlank @Size(max = OpenEngagementRequest.NAME_MAX) String name,
        @NotBlank @Size(min = 10, max = 1000) String reason) {
}
