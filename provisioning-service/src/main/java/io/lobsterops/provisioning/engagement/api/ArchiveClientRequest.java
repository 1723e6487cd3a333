package io.lobsterops.provisioning.engagement.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /clients/{id}/archive}: why the client is archived. */
public record ArchiveClientRequest(@NotBlank @Size(min = 10, max = 1000) String reason) {
}
