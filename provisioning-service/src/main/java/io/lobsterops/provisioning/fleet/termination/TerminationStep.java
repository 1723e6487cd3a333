package io.lobsterops.provisioning.fleet.termination;

import java.util.Arrays;
import java.util.List;

/** The ordered, idempotent steps of a termination (runbook §5, ADR 0040). */
enum TerminationStep {
    /** TERM then KILL the gateway and its supervisor, remove its service (unit or supervisor script). */
    STOP_GATEWAY("stop-gateway"),
    /** Workspace, memory, sessions, logs, configuration without secrets, and a bundle of the config repository. */
    EXPORT_ARCHIVE("export-archive"),
    /** The gateway's state directory, supervisor directory, backups, logs and unit file; then a scan for its secrets. */
    WIPE_HOST("wipe-host"),
    /** monitoring's forwarding narrowed to the gateways left, or monitoring's and provisioning's keys removed. */
    REVOKE_ACCESS("revoke-access"),
    /** The sealed token, model API key and bot token the platform holds for the gateway. */
    DELETE_PLATFORM_SECRETS("delete-platform-secrets"),
    /** agent.terminated through the outbox; the archive's retention starts. */
    PUBLISH("publish-agent-terminated");

    private final String slug;

    TerminationStep(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }

    /**
     * Whether the step runs commands on the gateway's host. The last two only change the platform's own records, so
     * they need no connection — the host may no longer authorize the platform's key after {@link #REVOKE_ACCESS}.
     */
    public boolean onHost() {
        return this != DELETE_PLATFORM_SECRETS && this != PUBLISH;
    }

    public static TerminationStep of(String slug) {
        return Arrays.stream(values()).filter(s -> s.slug.equals(slug)).findFirst().orElseThrow();
    }

    public static List<String> slugs() {
        return Arrays.stream(values()).map(TerminationStep::slug).toList();
    }
}
