package io.lobsterops.billing.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The client's acceptance of the delivery: who accepted on the client's side, and a note. */
public record AcceptanceRequest(@NotBlank @Size(max = 200) String acceptedBy, @Size(max = 1000) String note) {
}
