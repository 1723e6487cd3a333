package io.lobsterops.agentconfig.api;

import java.util.Map;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Answers to some questions of the current questionnaire, by question id; a blank answer withdraws it. */
public record DiscoveryRequest(@NotNull @NotEmpty Map<String, @Size(max = 4000) String> answers) {
}
