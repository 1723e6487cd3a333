package io.lobsterops.provisioning.engagement.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /engagements/{id}/deposit-waiver}: why the deposit gate is overridden. */
public record DepositWaiverRequest(@NotBlank @Size(min = 10, max = 1000) String reason) {
}
