package io.lobsterops.provisioning.fleet.openclaw;

import static io.lobsterops.provisioning.fleet.ssh.Shell.bash;
import static io.lobsterops.provisioning.fleet.ssh.Shell.quote;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.lobsterops.provisioning.config.ProvisioningConfig;
import io.lobsterops.provisioning.fleet.domain.HostFacts;
import io.lobsterops.provisioning.fleet.ssh.CommandResult;
import io.lobsterops.provisioning.fleet.ssh.SshConnection;

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

    /** The gateway process commands of this host (onboard, start, readiness, stop). */
    public GatewayProcess gateway() {
        return new GatewayProcess(this, ssh, config);
    }

    /** The workspace, job and backup commands of this host's gateways. */
    public GatewayWorkspace workspace() {
        return new GatewayWorkspace(this, ssh);
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
}
