package io.lobsterops.agentconfig.api;

import java.util.Map;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Answers to some questions of the current questionnaire, by question id; a blank answer withdraws it. A client that
 * states the questionnaire version it showed is told (409) when that is not the current one.
 */
public record DiscoveryRequest(@Size(max = 20) String questionnaireVersion,
        @NotNull @NotEmpty Map<String, @Size(max = 4000) String> answers) {
}
