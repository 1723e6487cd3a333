package io.lobsterops.provisioning.fleet.termination;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why the agent is terminated; kept on the certificate and in {@code agent.terminated}. */
public record TerminationRequest(@NotBlank @Size(max = 1000) String reason) {
}
