package io.lobsterops.billing.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A payment received outside Stripe (a bank transfer): its reference and why it is recorded by hand. */
public record ManualPaymentRequest(@NotBlank @Size(max = 200) String reference,
        @NotBlank @Size(max = 1000) String reason) {
}
