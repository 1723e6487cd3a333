package io.lobsterops.agentconfig.service;

import io.lobsterops.kit.api.ProblemType;

/** The problem kinds of this service, beside the platform's. */
public final class AgentProblems {

    public static final ProblemType RENDERING_TOO_LARGE = ProblemType.of("rendering-too-large",
            "Rendering over OpenClaw's size limits", 422);
    public static final ProblemType LINT_FINDINGS = ProblemType.of("lint-findings", "Leak lint findings", 409);
    public static final ProblemType FOUR_EYES = ProblemType.of("four-eyes", "The author cannot approve", 403);
    public static final ProblemType GIT_REMOTE_UNAVAILABLE = ProblemType.of("git-remote-unavailable",
            "The git server cannot be reached", 503);
    public static final ProblemType GIT_HOST_KEY_REJECTED = ProblemType.of("git-host-key-rejected",
            "The git server's host key is not the pinned one", 502);
    public static final ProblemType GIT_REMOTE_REFUSED = ProblemType.of("git-remote-refused",
            "The git server refused the push", 502);

    /** The problem a failed push answers with. */
    public static ProblemType remote(io.lobsterops.agentconfig.git.RemoteGitException.Kind kind) {
        return switch (kind) {
            case UNREACHABLE -> GIT_REMOTE_UNAVAILABLE;
            case HOST_KEY_REJECTED -> GIT_HOST_KEY_REJECTED;
            case REFUSED -> GIT_REMOTE_REFUSED;
        };
    }

    private AgentProblems() {
    }
}
