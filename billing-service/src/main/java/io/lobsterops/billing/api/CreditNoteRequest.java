package io.lobsterops.billing.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record CreditNoteRequest(@NotBlank @Size(max = 1000) String reason) {
}
