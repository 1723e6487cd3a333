package io.lobsterops.provisioning.api;

import io.lobsterops.kit.api.ProblemType;

/**
 * Every problem type provisioning-service answers beyond the kit's platform-wide ones ({@link ProblemType#NOT_FOUND},
 * {@link ProblemType#VALIDATION}, …): one place to read them, and the only class here that calls
 * {@link ProblemType#of}. The slug is the last segment of the {@code type} URI clients rely on, so a slug, title or
 * status never changes once answered; {@code docs/problems.md} lists them with the other services'.
 */
public final class ProvisioningProblems {

    private ProvisioningProblems() {
    }

    // --- clients (engagement context)

    /** Opening an engagement for an existing client id under another name than the client's. */
    public static final ProblemType CLIENT_NAME_MISMATCH = ProblemType.of("client-name-mismatch",
            "Client already exists under another name", 409);
    /** Renaming, archiving or opening an engagement for a client that was archived. */
    public static final ProblemType CLIENT_ARCHIVED = ProblemType.of("client-archived", "Client archived", 409);
    /** Archiving a client one of whose engagements is not TERMINATED. */
    public static final ProblemType CLIENT_HAS_ENGAGEMENTS = ProblemType.of("client-has-engagements",
            "Client has engagements", 409);

    // --- engagement lifecycle (engagement context)

    /** A stage change the lifecycle does not allow from the engagement's stage; the detail names the allowed ones. */
    public static final ProblemType INVALID_TRANSITION = ProblemType.of("invalid-stage-transition",
            "Stage transition not allowed", 409);
    /** SIGNED -> PROVISIONING (or placing the gateway) before the deposit was paid or waived. */
    public static final ProblemType DEPOSIT_UNPAID = ProblemType.of("deposit-unpaid", "Deposit not paid", 409);
    /** The client accepting the delivery while the engagement is not in TRAINING. */
    public static final ProblemType NOT_IN_TRAINING = ProblemType.of("not-in-training",
            "The client accepts the delivery in TRAINING only", 409);

    // --- hosts (fleet.host)

    /** An operation on a host whose key is not pinned yet (registered, never trusted). */
    public static final ProblemType HOST_NOT_TRUSTED = ProblemType.of("host-not-trusted",
            "Host key not pinned yet", 409);
    /** Any operation on a host that presented another key than the pinned one, until a supervisor trusts it again. */
    public static final ProblemType HOST_KEY_CHANGED = ProblemType.of("host-key-changed",
            "Host key changed: every operation is refused", 409);
    /** Trusting a host that presented another key than the one the supervisor expected; nothing is pinned. */
    public static final ProblemType HOST_KEY_MISMATCH = ProblemType.of("host-key-mismatch",
            "Host presented another key than expected", 409);
    /** An operation on a host whose platform key was removed with its last gateway's termination. */
    public static final ProblemType HOST_ACCESS_REVOKED = ProblemType.of("host-access-revoked",
            "The platform's key was removed from the host", 409);
    /** The host could not be reached over SSH, or answered but a command of the contact failed. */
    public static final ProblemType HOST_UNREACHABLE = ProblemType.of("host-unreachable", "Host unreachable", 502);
    /** The host refused the platform's SSH key (or the SSH session failed otherwise). */
    public static final ProblemType SSH_REFUSED = ProblemType.of("ssh-refused", "Host refused the SSH key", 502);
    /** Placing a gateway on a host whose gathered memory or free disk is below the configured minimum. */
    public static final ProblemType HOST_TOO_SMALL = ProblemType.of("host-below-minimum",
            "Host below the minimum for a gateway", 409);
    /** Granting monitoring its access on a host while monitoring-service's public key is not configured. */
    public static final ProblemType MONITORING_KEY_MISSING = ProblemType.of("monitoring-key-missing",
            "monitoring-service's public key is not configured", 409);

    // --- placing a gateway (fleet.placement)

    /** Placing a gateway for an engagement in a stage that takes none (before SIGNED, SUSPENDED, TERMINATED). */
    public static final ProblemType NOT_PROVISIONING = ProblemType.of("engagement-not-provisioning",
            "Engagement is not in PROVISIONING", 409);
    /** Placing a gateway for an engagement that has one already. */
    public static final ProblemType GATEWAY_EXISTS = ProblemType.of("gateway-exists",
            "Engagement already has a gateway", 409);
    /** Placing a gateway on a host at its capacity, with no room in its memory, or no gateway port left. */
    public static final ProblemType HOST_FULL = ProblemType.of("host-full", "Host at capacity", 409);

    // --- gateways: kill switch, resume, backups (fleet.gateway)

    /** Resuming a gateway that is not SUSPENDED (or SUSPENDING). */
    public static final ProblemType GATEWAY_NOT_RUNNING = ProblemType.of("gateway-not-running",
            "Gateway is not in a state for this", 409);
    /** Killing, resuming or backing up a gateway that was terminated: it no longer runs on its host. */
    public static final ProblemType GATEWAY_TERMINATED = ProblemType.of("gateway-terminated",
            "Gateway was terminated", 409);
    /** A command the request ran on the gateway's host failed (stop, start, readiness, backup). */
    public static final ProblemType REMOTE_FAILED = ProblemType.of("remote-command-failed",
            "Command on the host failed", 502);

    // --- upgrades and waves (fleet.upgrade)

    /** Upgrading a gateway (or a wave member) that is not RUNNING. */
    public static final ProblemType NOT_UPGRADABLE = ProblemType.of("gateway-not-upgradable",
            "Gateway cannot be upgraded in its state", 409);
    /** Upgrading a gateway (or a wave member) to the OpenClaw version it already runs. */
    public static final ProblemType SAME_VERSION = ProblemType.of("already-on-version",
            "Gateway already runs this version", 409);
    /** Upgrading a gateway (or a wave member) whose previous upgrade is not finished. */
    public static final ProblemType UPGRADE_RUNNING = ProblemType.of("upgrade-running",
            "An upgrade of this gateway is under way", 409);
    /** A wave naming a gateway that is a member of a wave still running. */
    public static final ProblemType IN_A_WAVE = ProblemType.of("gateway-in-wave",
            "Gateway is in a running upgrade wave", 409);

    // --- termination (fleet.termination)

    /** Terminating an engagement that has a termination already (an agent is terminated once). */
    public static final ProblemType TERMINATION_EXISTS = ProblemType.of("termination-exists",
            "Engagement already terminated or terminating", 409);
    /** Resuming a termination that is not FAILED. */
    public static final ProblemType TERMINATION_NOT_RESUMABLE = ProblemType.of("termination-not-resumable",
            "Termination cannot be resumed", 409);
    /** Exporting a termination's archive before it was written. */
    public static final ProblemType ARCHIVE_NOT_READY = ProblemType.of("archive-not-ready",
            "Archive not written yet", 409);
    /** Exporting a termination's archive after its retention period deleted it. */
    public static final ProblemType ARCHIVE_DELETED = ProblemType.of("archive-deleted",
            "Archive deleted after its retention period", 410);
}
