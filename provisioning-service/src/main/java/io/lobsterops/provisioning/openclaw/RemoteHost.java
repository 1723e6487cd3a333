package io.lobsterops.provisioning.openclaw;

import static io.lobsterops.provisioning.ssh.Shell.bash;
import static io.lobsterops.provisioning.ssh.Shell.quote;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.lobsterops.provisioning.config.ProvisioningConfig;
import io.lobsterops.provisioning.domain.HostFacts;
import io.lobsterops.provisioning.ssh.CommandResult;
import io.lobsterops.provisioning.ssh.SshConnection;

/**
 * The commands provisioning runs on a host, over one SSH connection, as the host's login user with its real HOME
 * (docs/openclaw.md, "Profiles, files and ports"). Installs live under {@code ~/<installDir>}: Node in {@code node/}, each openclaw
 * version in {@code openclaw/<version>/}, each gateway's supervisor files in {@code gateways/<profile>/}.
 */
public class RemoteHost {

    private final SshConnection ssh;
    private final ProvisioningConfig.Openclaw config;
    private final String version;
    private final String installDir;

    public RemoteHost(SshConnection ssh, ProvisioningConfig.Openclaw config, String version, String installDir) {
        this.ssh = ssh;
        this.config = config;
        this.version = version;
        this.installDir = installDir;
    }

    public SshConnection ssh() {
        return ssh;
    }

    String root() {
        return installDir.startsWith("/") ? installDir : "$HOME/" + installDir;
    }

    String nodeBin() {
        return root() + "/node/node_modules/.bin";
    }

    String openclawPrefix() {
        return root() + "/openclaw/" + version;
    }

    /** A preamble putting Node 24 and the pinned openclaw first in PATH, colour off. */
    String env() {
        return "export NO_COLOR=1 PATH=\"" + nodeBin() + ":" + openclawPrefix() + "/bin:$PATH\"; ";
    }

    public String gatewayDir(String profile) {
        return root() + "/gateways/" + profile;
    }

    // ---- facts -------------------------------------------------------------------------------------------------

    public HostFacts gatherFacts() {
        CommandResult result = ssh.exec(bash("""
                echo "os=$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null)"
                echo "kernel=$(uname -sr)"
                echo "cpus=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)"
                echo "memory_kb=$(awk '/^MemTotal:/{print $2}' /proc/meminfo)"
                echo "free_disk_kb=$(df -Pk "$HOME" | awk 'NR==2{print $4}')"
                echo "node=$(%s/node --version 2>/dev/null)"
                echo "openclaw=$(%s; openclaw --version 2>/dev/null | head -1)"
                echo "systemd_user=$(systemctl --user is-system-running >/dev/null 2>&1 && echo yes || echo no)"
                """.formatted(nodeBin(), env().replace("; ", ""))), Duration.ofSeconds(30));
        if (!result.ok()) {
            throw new RemoteCommandException("gathering facts failed", result);
        }
        Map<String, String> facts = new HashMap<>();
        for (String line : result.stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                facts.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return new HostFacts(blankToNull(facts.get("os")), blankToNull(facts.get("kernel")),
                parseInt(facts.get("cpus")), kbToMb(facts.get("memory_kb")), kbToMb(facts.get("free_disk_kb")),
                blankToNull(facts.get("node")), blankToNull(facts.get("openclaw")),
                "yes".equals(facts.get("systemd_user")), Instant.now());
    }

    // ---- install -----------------------------------------------------------------------------------------------

    /** The installed Node version, if it satisfies openclaw's engines (>= 24.16 < 25, or >= 26.1). */
    public String installedNode() {
        CommandResult result = ssh.exec(bash(nodeBin() + "/node --version 2>/dev/null || true"), Duration.ofSeconds(20));
        String v = result.stdout().strip();
        return NodeVersion.supported(v) ? v : null;
    }

    /**
     * {@code guarded_npm ARGS}: npm in the background without the install lock's descriptor, killed when the step's
     * {@code timeout(1)} terminates the script — npm catches TERM, and a hung npm must neither outlive its step nor
     * keep the next attempt waiting on the lock.
     */
    static final String GUARDED_NPM = "guarded_npm() { npm \"$@\" 9>&- & npm_pid=$!; "
            + "trap 'kill -KILL \"$npm_pid\" 2>/dev/null; exit 143' TERM; wait \"$npm_pid\"; }";

    public CommandResult installNode() {
        return ssh.exec(bash("""
                set -eu
                command -v npm >/dev/null || { echo "npm is not installed on this host" >&2; exit 127; }
                mkdir -p %1$s/node
                exec 9>%1$s/install.lock; flock -w 600 9
                cd %1$s/node
                %4$s
                guarded_npm install --prefer-offline --no-audit --no-fund --loglevel=error %2$s
                %3$s/node --version
                """.formatted(root(), quote(config.nodePackage()), nodeBin(), GUARDED_NPM)), config.installTimeout());
    }

    public String installedOpenclaw() {
        CommandResult result = ssh.exec(bash(env() + openclawPrefix() + "/bin/openclaw --version 2>/dev/null || true"),
                Duration.ofSeconds(30));
        String out = result.stdout().strip();
        return out.contains(version) ? out : null;
    }

    public CommandResult installOpenclaw() {
        return ssh.exec(bash("""
                set -eu
                mkdir -p %1$s/openclaw
                exec 9>%1$s/install.lock; flock -w 600 9
                gc="$(npm config get globalconfig)"
                %2$s
                %5$s
                out="$(mktemp)"
                guarded_npm install -g --prefix %3$s --globalconfig "$gc" --prefer-offline --no-audit --no-fund \
                  --loglevel=error --allow-scripts=node,koffi,protobufjs,openclaw,@google/genai %4$s > "$out" 2>&1 || true
                grep -v 'allow-scripts' "$out" || true; rm -f "$out"
                %3$s/bin/openclaw --version
                """.formatted(root(), env(), openclawPrefix(), quote("openclaw@" + version), GUARDED_NPM)),
                config.installTimeout());
    }

    // ---- gateway -----------------------------------------------------------------------------------------------

    /** Whether the profile finished onboarding (its marker exists) and its config still validates. */
    public boolean onboarded(String profile) {
        CommandResult result = ssh.exec(bash(env() + "test -f " + gatewayDir(profile) + "/onboarded && "
                + "openclaw --profile " + quote(profile) + " config validate --json"), Duration.ofSeconds(60));
        return result.ok() && result.stdout().contains("\"valid\":true");
    }

    /** Whether something already accepts connections on the host's loopback at this port. */
    public boolean portAnswers(int port) {
        return ssh.exec(bash("(exec 3<>/dev/tcp/127.0.0.1/" + port + ") 2>/dev/null"), Duration.ofSeconds(15)).ok();
    }

    /**
     * Non-interactive onboarding (docs/openclaw.md, "Onboarding without questions"). The model API key travels on stdin into the environment
     * variable openclaw reads ({@code CUSTOM_API_KEY}); the gateway token, generated by the service, is then set from
     * a 0600 batch file that is removed on exit. Neither is ever an argument.
     */
    public CommandResult onboard(OnboardSpec spec, String apiKey, String gatewayToken) {
        String script = """
                set -eu
                IFS= read -r CUSTOM_API_KEY; IFS= read -r GW_TOKEN; export CUSTOM_API_KEY
                %1$s
                openclaw --profile %2$s onboard --non-interactive --accept-risk --json --mode local --flow quickstart \
                  --skip-health --no-install-daemon --skip-channels --skip-skills --skip-search --skip-ui --skip-hooks \
                  --agent-name %3$s --auth-choice custom-api-key --custom-base-url %4$s --custom-model-id %5$s \
                  --custom-provider-id %6$s --custom-compatibility openai --custom-text-input \
                  --gateway-port %7$d --gateway-bind loopback --gateway-auth token
                unset CUSTOM_API_KEY
                umask 077; f="$(mktemp)"; trap 'rm -f "$f"' EXIT
                printf '[{"path":"gateway.auth.token","value":"%%s"},{"path":"agents.defaults.heartbeat.every","value":"0m"}%9$s]' "$GW_TOKEN" > "$f"
                openclaw --profile %2$s config set --batch-file "$f" >/dev/null
                openclaw --profile %2$s config validate --json
                mkdir -p %8$s && touch %8$s/onboarded
                """.formatted(env(), quote(spec.profile()), quote(spec.agentId()), quote(spec.baseUrl()),
                quote(spec.modelId()), quote(spec.providerId()), spec.port(), gatewayDir(spec.profile()),
                spec.price() == null ? "" : ",{\"path\":\"models.providers.%s.models[0].cost\",\"value\":%s}"
                        .formatted(spec.providerId(), spec.price().openclawCostJson()));
        return ssh.exec(bash(script), apiKey + "\n" + gatewayToken + "\n", config.onboardTimeout());
    }

    /**
     * The Telegram channel from a 0600 batch file (bot token on stdin); {@code dmPolicy} is never {@code open}.
     * {@code apiRoot}, when given, is the Bot API root the channel talks to instead of Telegram's own.
     */
    public CommandResult configureTelegram(String profile, String botToken, String dmPolicy, String allowFromJson,
            String apiRoot) {
        if ("open".equals(dmPolicy)) {
            throw new IllegalArgumentException("dmPolicy open is refused");
        }
        String extra = apiRoot == null ? "" : ",\"apiRoot\":" + io.lobsterops.provisioning.ssh.Shell.json(apiRoot);
        String script = """
                set -eu
                IFS= read -r BOT_TOKEN
                %1$s
                umask 077; f="$(mktemp)"; trap 'rm -f "$f"' EXIT
                printf '[{"path":"channels.telegram","value":{"enabled":true,"botToken":"%%s","dmPolicy":%%s,"allowFrom":%%s%%s}}]' \
                  "$BOT_TOKEN" %3$s %4$s %5$s > "$f"
                openclaw --profile %2$s config set --batch-file "$f" --dry-run >/dev/null
                openclaw --profile %2$s config set --batch-file "$f"
                """.formatted(env(), quote(profile), quote(io.lobsterops.provisioning.ssh.Shell.json(dmPolicy)),
                quote(allowFromJson), quote(extra));
        return ssh.exec(bash(script), botToken + "\n", Duration.ofSeconds(90));
    }

    /** Whether the profile's gateway is kept running: its systemd user unit is active, or its supervisor alive. */
    public boolean running(String profile) {
        CommandResult result = ssh.exec(bash(systemd(profile) + "d=" + gatewayDir(profile) + "\n"
                + "if managed_by_systemd; then systemctl --user is-active --quiet \"$unit\"; exit; fi\n"
                + "test -f \"$d/supervisor.pid\" && kill -0 \"$(cat \"$d/supervisor.pid\")\" 2>/dev/null"),
                Duration.ofSeconds(15));
        return result.ok();
    }

    /** The systemd user unit name of a profile's gateway. */
    public static String unitName(String profile) {
        return "lobsterops-gateway-" + profile + ".service";
    }

    /**
     * The systemd user unit keeping a profile's gateway running: restarted when it dies, TERM then KILL after the
     * stop grace period, started again at boot (with the user's linger on). Paths under the home use {@code %h}.
     */
    public String systemdUnit(String profile) {
        return systemdUnit(profile, nodeBin().replace("$HOME", "%h"),
                openclawPrefix().replace("$HOME", "%h") + "/bin", config.stopGrace().toSeconds());
    }

    static String systemdUnit(String profile, String nodeBin, String openclawBin, long stopGraceSeconds) {
        return """
                [Unit]
                Description=OpenClaw gateway %1$s (managed by LobsterOps provisioning)
                After=network-online.target

                [Service]
                Environment=NO_COLOR=1
                Environment=PATH=%2$s:%3$s:/usr/local/bin:/usr/bin:/bin
                ExecStart=%3$s/openclaw --profile %1$s gateway run
                Restart=always
                RestartSec=3
                KillMode=mixed
                TimeoutStopSec=%4$d

                [Install]
                WantedBy=default.target
                """.formatted(profile, nodeBin, openclawBin, stopGraceSeconds);
    }

    /**
     * Shell preamble: {@code $unit}, {@code $unit_file}, {@code systemd_available} (a systemd user manager runs for
     * this user and lingers, so a unit outlives the SSH session and starts at boot) and {@code managed_by_systemd}
     * (this profile's gateway was started as a unit).
     */
    String systemd(String profile) {
        return """
                unit=%1$s; unit_file="$HOME/.config/systemd/user/$unit"
                [ -z "${XDG_RUNTIME_DIR:-}" ] && [ -d "/run/user/$(id -u)" ] && export XDG_RUNTIME_DIR="/run/user/$(id -u)"
                systemd_available() {
                  command -v systemctl >/dev/null 2>&1 || return 1
                  case "$(systemctl --user is-system-running 2>/dev/null)" in running|degraded) ;; *) return 1 ;; esac
                  [ "$(loginctl show-user "$(id -un)" -p Linger --value 2>/dev/null)" = yes ]
                }
                managed_by_systemd() { test -f "$unit_file" && systemd_available; }
                """.formatted(quote(unitName(profile)));
    }

    /**
     * Starts the gateway: as a systemd user unit where the host has a lingering user manager (the unit restarts it,
     * and starts it at boot), otherwise {@code openclaw gateway run} under a small supervisor (restarts it if it dies,
     * stops for good once the {@code stopped} marker exists). Idempotent: a running unit or live supervisor is left
     * alone.
     */
    public CommandResult start(String profile) {
        String script = """
                set -eu
                d=%1$s; mkdir -p "$d"
                %4$s
                if systemd_available; then
                  mkdir -p "$(dirname "$unit_file")"
                  printf '%%s' %5$s > "$unit_file.new" && mv "$unit_file.new" "$unit_file"
                  systemctl --user daemon-reload
                  systemctl --user enable --now "$unit"
                  echo "started systemd user unit $unit ($(systemctl --user is-active "$unit"))"; exit 0
                fi
                echo "no lingering systemd user manager for $(id -un): supervised gateway run"
                if test -f "$d/supervisor.pid" && kill -0 "$(cat "$d/supervisor.pid")" 2>/dev/null; then echo "already running"; exit 0; fi
                rm -f "$d/stopped"
                cat > "$d/gateway-supervisor.sh" <<'SUPERVISOR'
                #!/usr/bin/env bash
                # gateway-supervisor: keeps one openclaw gateway profile running until $d/stopped exists
                d="$1"; profile="$2"
                %2$s
                echo $$ > "$d/supervisor.pid"
                trap 'touch "$d/stopped"; test -f "$d/gateway.pid" && kill -TERM "$(cat "$d/gateway.pid")" 2>/dev/null; exit 0' TERM INT
                while [ ! -e "$d/stopped" ]; do
                  openclaw --profile "$profile" gateway run >> "$d/gateway.log" 2>&1 &
                  echo $! > "$d/gateway.pid"
                  wait $! || true
                  [ -e "$d/stopped" ] && break
                  echo "$(date -u +%%FT%%TZ) gateway exited; restarting in 3 s" >> "$d/gateway.log"
                  sleep 3
                done
                rm -f "$d/supervisor.pid" "$d/gateway.pid"
                SUPERVISOR
                chmod 700 "$d/gateway-supervisor.sh"
                setsid nohup "$d/gateway-supervisor.sh" "$d" %3$s > /dev/null 2>&1 < /dev/null &
                for i in $(seq 50); do test -f "$d/gateway.pid" && break; sleep 0.1; done
                echo "started supervisor $(cat "$d/supervisor.pid" 2>/dev/null) gateway $(cat "$d/gateway.pid" 2>/dev/null)"
                """.formatted(gatewayDir(profile), env(), quote(profile), systemd(profile), quote(systemdUnit(profile)));
        return ssh.exec(bash(script), Duration.ofSeconds(30));
    }

    /** Polls {@code /readyz} on the host's loopback until 200 or the ready timeout. */
    public CommandResult awaitReady(int port) {
        long seconds = config.readyTimeout().toSeconds();
        String script = """
                %1$s
                for i in $(seq %2$d); do
                  if node -e 'fetch("http://127.0.0.1:%3$d/readyz").then(r=>r.text().then(t=>{if(r.status==200)console.log(r.status+" "+t);process.exit(r.status==200?0:1)}),()=>process.exit(1))' 2>/dev/null; then exit 0; fi
                  sleep 1
                done
                echo "/readyz did not answer 200 within %2$d s" >&2; exit 1
                """.formatted(env(), seconds, port);
        return ssh.exec(bash(script), config.readyTimeout().plusSeconds(30));
    }

    public CommandResult statusRequireRpc(String profile) {
        return ssh.exec(bash(env() + "openclaw --profile " + quote(profile) + " gateway status --json --require-rpc"),
                Duration.ofSeconds(60));
    }

    /** TERM the gateway and its supervisor, KILL after the grace period; idempotent. */
    public CommandResult stop(String profile) {
        long grace = config.stopGrace().toSeconds();
        String script = """
                d=%1$s; mkdir -p "$d"; touch "$d/stopped"
                %4$s
                if managed_by_systemd; then
                  systemctl --user disable --now "$unit" && echo "stopped systemd user unit $unit"; exit
                fi
                pids=""
                for f in supervisor.pid gateway.pid; do test -f "$d/$f" && pids="$pids $(cat "$d/$f")"; done
                [ -z "$pids" ] && { echo "not running"; exit 0; }
                kill -TERM $pids 2>/dev/null || true
                for i in $(seq %2$d); do alive=""; for p in $pids; do kill -0 $p 2>/dev/null && alive="$alive $p"; done
                  [ -z "$alive" ] && { rm -f "$d/supervisor.pid" "$d/gateway.pid"; echo "stopped"; exit 0; }; sleep 0.1; done
                kill -KILL $alive 2>/dev/null || true
                rm -f "$d/supervisor.pid" "$d/gateway.pid"; echo "killed after %3$d s:$alive"
                """.formatted(gatewayDir(profile), grace * 10, grace, systemd(profile));
        return ssh.exec(bash(script), config.stopGrace().plusSeconds(20));
    }

    // ---- workspace, restart, doctor, backup ---------------------------------------------------------------------

    /** The profile's agent workspace, as onboarding created it. */
    public String workspace(String profile) {
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
                """.formatted(workspace(profile), gatewayDir(profile), label)), Duration.ofSeconds(60));
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
                """.formatted(workspace(profile), gatewayDir(profile), label)), Duration.ofSeconds(60));
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
                """.formatted(workspace(profile), quote(relativePath))), content, Duration.ofSeconds(30));
    }

    public CommandResult removeWorkspaceFile(String profile, String relativePath) {
        return ssh.exec(bash("rm -f \"" + workspace(profile) + "/\"" + quote(relativePath)), Duration.ofSeconds(15));
    }

    public CommandResult restart(String profile) {
        return ssh.exec(bash(env() + "openclaw --profile " + quote(profile) + " gateway restart --json"),
                Duration.ofSeconds(120));
    }

    /**
     * Declares one scheduled job on the running gateway ({@code cron add} with its declaration key: an existing job of
     * that key is updated, not doubled), for {@code agentId}, delivered to {@code channel}/{@code to} when given.
     */
    public CommandResult declareJob(String profile, String agentId, ScheduledJob job, String channel, String to) {
        StringBuilder command = new StringBuilder(env()).append("openclaw --profile ").append(quote(profile))
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
        return ssh.exec(bash(env() + "openclaw --profile " + quote(profile) + " cron list --all --json"),
                Duration.ofSeconds(60));
    }

    public CommandResult removeJob(String profile, String jobId) {
        return ssh.exec(bash(env() + "openclaw --profile " + quote(profile) + " cron rm " + quote(jobId)
                + " --json"), Duration.ofSeconds(60));
    }

    public CommandResult doctorLint(String profile) {
        return ssh.exec(bash(env() + "openclaw --profile " + quote(profile)
                + " doctor --lint --json --severity-min error"), Duration.ofSeconds(120));
    }

    /** {@code openclaw backup create --verify} into the gateway's backup directory. */
    public CommandResult backup(String profile) {
        return ssh.exec(bash("""
                set -eu
                %1$s
                out="%2$s/backups"; mkdir -p "$out"; chmod 700 "$out"
                openclaw --profile %3$s backup create --output "$out" --verify --json
                """.formatted(env(), gatewayDir(profile), quote(profile))), Duration.ofSeconds(300));
    }

    public CommandResult fileSize(String absolutePath) {
        return ssh.exec(bash("stat -c %s " + quote(absolutePath)), Duration.ofSeconds(15));
    }

    public CommandResult run(String script, String stdin, Duration timeout) {
        return ssh.exec(bash(env() + script), stdin, timeout);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Integer parseInt(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long kbToMb(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.parseLong(value.strip()) / 1024;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** What onboarding needs besides secrets. */
    public record OnboardSpec(String profile, String agentId, int port, String providerId, String baseUrl,
            String modelId, io.lobsterops.provisioning.domain.ModelPrice price) {
    }
}
