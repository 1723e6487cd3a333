package io.lobsterops.provisioning.fleet.openclaw;

import static io.lobsterops.provisioning.fleet.ssh.Shell.bash;
import static io.lobsterops.provisioning.fleet.ssh.Shell.quote;

import java.time.Duration;

import io.lobsterops.provisioning.fleet.ssh.CommandResult;
import io.lobsterops.provisioning.fleet.ssh.SshConnection;

/**
 * One gateway's agent workspace and what lives beside it on a host: the deployed files (snapshot, restore, write,
 * remove), the scheduled jobs declared on the gateway, and its verified backups.
 */
public class GatewayWorkspace {

    private final RemoteHost host;
    private final SshConnection ssh;

    GatewayWorkspace(RemoteHost host, SshConnection ssh) {
        this.host = host;
        this.ssh = ssh;
    }

    /** The profile's agent workspace, as onboarding created it. */
    public String path(String profile) {
        return "$HOME/.openclaw-" + profile + "/workspace";
    }

    /** Copies the workspace aside under {@code deploys/<label>}, once: a later call for the label keeps that copy. */
    public CommandResult snapshotWorkspace(String profile, String label) {
        return ssh.exec(bash("""
                set -eu
                ws="%1$s"; snap="%2$s/deploys/%3$s"
                # a resumed deployment keeps the workspace saved by its first attempt, not the half-written one
                if [ -d "$snap" ]; then echo "workspace already saved as $snap"; exit 0; fi
                rm -rf "$snap.partial"; mkdir -p "$snap.partial"
                cd "$ws" && find . -mindepth 1 -maxdepth 1 ! -name .git -exec cp -a {} "$snap.partial/" \\;
                mv "$snap.partial" "$snap"
                echo "workspace saved as $snap"
                """.formatted(path(profile), host.gatewayDir(profile), label)), Duration.ofSeconds(60));
    }

    /** Puts a saved workspace back in place of the current one (its git history kept). */
    public CommandResult restoreWorkspace(String profile, String label) {
        return ssh.exec(bash("""
                set -eu
                ws="%1$s"; snap="%2$s/deploys/%3$s"
                test -d "$snap"
                find "$ws" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
                cp -a "$snap/." "$ws/"
                echo "workspace restored from $snap"
                """.formatted(path(profile), host.gatewayDir(profile), label)), Duration.ofSeconds(60));
    }

    /**
     * Writes one workspace file from stdin (atomically: temp file then rename) and answers its SHA-256.
     * {@code relativePath} must already be validated (no {@code ..}, no absolute path).
     */
    public CommandResult writeWorkspaceFile(String profile, String relativePath, String content) {
        return ssh.exec(bash("""
                set -eu
                f="%1$s/"%2$s
                mkdir -p "$(dirname "$f")"
                tmp="$(mktemp "$f.XXXXXX")"
                cat > "$tmp"; chmod 644 "$tmp"; mv "$tmp" "$f"
                sha256sum "$f" | cut -d' ' -f1
                """.formatted(path(profile), quote(relativePath))), content, Duration.ofSeconds(30));
    }

    public CommandResult removeWorkspaceFile(String profile, String relativePath) {
        return ssh.exec(bash("rm -f \"" + path(profile) + "/\"" + quote(relativePath)), Duration.ofSeconds(15));
    }


    /**
     * Declares one scheduled job on the running gateway ({@code cron add} with its declaration key: an existing job of
     * that key is updated, not doubled), for {@code agentId}, delivered to {@code channel}/{@code to} when given.
     */
    public CommandResult declareJob(String profile, String agentId, ScheduledJob job, String channel, String to) {
        StringBuilder command = new StringBuilder(host.env()).append("openclaw --profile ").append(quote(profile))
                .append(" cron add --json --name ").append(quote(job.name())).append(" --cron ").append(quote(job.cron()))
                .append(" --tz ").append(quote(job.timezone())).append(" --agent ").append(quote(agentId))
                .append(" --message ").append(quote(job.message())).append(" --declaration-key ")
                .append(quote(job.declarationKey()));
        if (!job.enabled()) {
            command.append(" --disabled");
        }
        if (channel != null && to != null) {
            command.append(" --channel ").append(quote(channel)).append(" --to ").append(quote(to));
        }
        return ssh.exec(bash(command.toString()), Duration.ofSeconds(60));
    }

    /** Every scheduled job of the gateway, disabled ones included, as {@code cron list --all --json} prints them. */
    public CommandResult listJobs(String profile) {
        return ssh.exec(bash(host.env() + "openclaw --profile " + quote(profile) + " cron list --all --json"),
                Duration.ofSeconds(60));
    }

    public CommandResult removeJob(String profile, String jobId) {
        return ssh.exec(bash(host.env() + "openclaw --profile " + quote(profile) + " cron rm " + quote(jobId)
                + " --json"), Duration.ofSeconds(60));
    }


    /** {@code openclaw backup create --verify} into the gateway's backup directory. */
    public CommandResult backup(String profile) {
        return ssh.exec(bash("""
                set -eu
                %1$s
                out="%2$s/backups"; mkdir -p "$out"; chmod 700 "$out"
                openclaw --profile %3$s backup create --output "$out" --verify --json
                """.formatted(host.env(), host.gatewayDir(profile), quote(profile))), Duration.ofSeconds(300));
    }
}
