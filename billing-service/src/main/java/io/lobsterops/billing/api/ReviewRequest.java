package io.lobsterops.billing.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.lobsterops.billing.domain.PresaleDocument.Decision;

public record ReviewRequest(@NotNull Decision decision, @NotBlank @Size(max = 2000) String reason) {
}
