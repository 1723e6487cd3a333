package io.lobsterops.agentconfig.service;

import io.lobsterops.kit.api.ProblemType;

/** The problem kinds of this service, beside the platform's. */
public final class AgentProblems {

    public static final ProblemType RENDERING_TOO_LARGE = ProblemType.of("rendering-too-large",
            "Rendering over OpenClaw's size limits", 422);
    public static final ProblemType LINT_FINDINGS = ProblemType.of("lint-findings", "Leak lint findings", 409);
    public static final ProblemType FOUR_EYES = ProblemType.of("four-eyes", "The author cannot approve", 403);

    private AgentProblems() {
    }
}
