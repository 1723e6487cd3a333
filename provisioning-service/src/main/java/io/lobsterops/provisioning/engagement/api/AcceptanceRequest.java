package io.lobsterops.provisioning.engagement.api;

import jakarta.validation.constraints.Size;

/** {@code POST /engagements/{id}/acceptance}: the client's optional words with its acceptance. */
public record AcceptanceRequest(@Size(max = 2000) String comment) {
}
