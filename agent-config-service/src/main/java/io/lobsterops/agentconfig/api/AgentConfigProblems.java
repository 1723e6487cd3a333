package io.lobsterops.agentconfig.api;

import io.lobsterops.agentconfig.git.RemoteGitException;
import io.lobsterops.kit.api.ProblemType;

/**
 * Every problem type agent-config answers beside the platform's own ({@link ProblemType}'s constants): the one place
 * this service makes one (ADR 0070). A slug is the last segment of the {@code type} URI clients rely on; it never
 * changes. docs/problems.md lists them with the platform's.
 */
public final class AgentConfigProblems {

    // The agent's configuration

    /** A rendering of the agent (its workspace files, openclaw.json) is over OpenClaw's size limits. */
    public static final ProblemType RENDERING_TOO_LARGE = ProblemType.of("rendering-too-large",
            "Rendering over OpenClaw's size limits", 422);

    /** The leak lint finds what must not leave in a rendering (a credential, a client's name); one violation each. */
    public static final ProblemType LINT_FINDINGS = ProblemType.of("lint-findings", "Leak lint findings", 409);

    /** A supervisor approves a proposal that they proposed themselves: another one must review it. */
    public static final ProblemType FOUR_EYES = ProblemType.of("four-eyes", "The author cannot approve", 403);

    // The git server

    /** A sync with the git server cannot reach it. */
    public static final ProblemType GIT_REMOTE_UNAVAILABLE = ProblemType.of("git-remote-unavailable",
            "The git server cannot be reached", 503);

    /** A sync finds the git server presenting a host key other than the pinned one. */
    public static final ProblemType GIT_HOST_KEY_REJECTED = ProblemType.of("git-host-key-rejected",
            "The git server's host key is not the pinned one", 502);

    /** The git server refuses a sync's push. */
    public static final ProblemType GIT_REMOTE_REFUSED = ProblemType.of("git-remote-refused",
            "The git server refused the push", 502);

    /** The problem a failed exchange with the git server answers with. */
    public static ProblemType remote(RemoteGitException.Kind kind) {
        return switch (kind) {
            case UNREACHABLE -> GIT_REMOTE_UNAVAILABLE;
            case HOST_KEY_REJECTED -> GIT_HOST_KEY_REJECTED;
            case REFUSED -> GIT_REMOTE_REFUSED;
        };
    }

    private AgentConfigProblems() {
    }
}
