package io.lobsterops.provisioning.fleet.openclaw;

import static io.lobsterops.provisioning.fleet.ssh.Shell.bash;
import static io.lobsterops.provisioning.fleet.ssh.Shell.quote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lobsterops.provisioning.fleet.ssh.CommandResult;

/**
 * What a termination does on the host (runbook §5, ADR 0040), with {@link RemoteHost}'s SSH connection and paths:
 * stop the gateway and remove its service, export its data without secrets, delete everything of it, and narrow or
 * remove the platform's keys. Secrets travel on stdin only (never argv), and are never printed.
 */
public final class GatewayRemoval {

    /** Files exported from the host, by their path in the archive, and those withheld (with why). */
    public record Export(Map<String, byte[]> files, List<String> withheld, String output) {
    }

    private GatewayRemoval() {
    }

    public static String stateDir(String profile) {
        return "$HOME/.openclaw-" + profile;
    }

    /**
     * Stops the gateway (TERM, then KILL after the grace period), disables and removes its systemd unit or its
     * supervisor script, then checks that no process of the profile is left. Idempotent.
     */
    public static CommandResult stopAndRemoveService(RemoteHost host, String profile) {
        CommandResult stopped = host.gateway().stop(profile);
        CommandResult removed = host.ssh().exec(bash("""
                d=%1$s
                %2$s
                if [ -f "$unit_file" ]; then
                  systemctl --user disable --now "$unit" >/dev/null 2>&1 || true
                  rm -f "$unit_file"; systemctl --user daemon-reload >/dev/null 2>&1 || true
                  echo "deleted $unit_file"
                fi
                [ -f "$d/gateway-supervisor.sh" ] && rm -f "$d/gateway-supervisor.sh" && echo "deleted $d/gateway-supervisor.sh"
                prof=%3$s; pat="--profile ${prof} gateway"
                left() {
                  for p in /proc/[0-9]*; do
                    [ -O "$p" ] && [ "${p#/proc/}" != "$$" ] || continue
                    tr '\\0' ' ' < "$p/cmdline" 2>/dev/null | grep -qF -- "$pat" && echo "${p#/proc/}"
                  done
                }
                for i in $(seq 50); do pids="$(left)"; [ -z "$pids" ] && break; sleep 0.2; done
                if [ -n "$pids" ]; then kill -KILL $pids 2>/dev/null; sleep 1; pids="$(left)"; fi
                if [ -n "$pids" ]; then echo "gateway processes still running: $pids" >&2; exit 1; fi
                echo "no process of profile ${prof} is running"
                """.formatted(host.gatewayDir(profile), host.gateway().systemd(profile), quote(profile))), Duration.ofSeconds(60));
        return new CommandResult(removed.exitStatus(), stopped.stdout() + removed.stdout(),
                stopped.stderr() + removed.stderr(), stopped.took().plus(removed.took()), removed.timedOut());
    }

    /**
     * Reads the gateway's workspace, agents (sessions, transcripts, memory), logs and its configuration with every
     * secret-named value removed; every exported file that still contains one of {@code secrets} is redacted (text) or
     * withheld (binary). Nothing is changed on the host.
     */
    public static Export export(RemoteHost host, String profile, List<String> secrets) {
        String script = """
                set -eu
                %1$s
                js="$(mktemp)"; trap 'rm -f "$js"' EXIT
                cat > "$js" <<'NODE'
                const fs = require('fs'), path = require('path');
                const [state, gw, profile] = process.argv.slice(2);
                const secrets = fs.readFileSync(0, 'utf8').split('\\n').filter(s => s.length >= 4);
                const lines = [];
                function add(rel, buf) {
                  const hit = secrets.some(s => buf.includes(s));
                  if (hit) {
                    if (buf.subarray(0, 8192).includes(0)) { lines.push('W\\t' + rel + '\\tbinary file holding a secret'); return; }
                    let text = buf.toString('utf8');
                    for (const s of secrets) text = text.split(s).join('[REDACTED]');
                    buf = Buffer.from(text, 'utf8');
                  }
                  lines.push('F\\t' + rel + '\\t' + buf.toString('base64'));
                }
                function walk(src, rel) {
                  let st; try { st = fs.lstatSync(src); } catch (e) { return; }
                  if (st.isDirectory()) { for (const n of fs.readdirSync(src).sort()) walk(path.join(src, n), rel + '/' + n); }
                  else if (st.isFile()) add(rel, fs.readFileSync(src));
                }
                walk(state + '/workspace', 'workspace');
                walk(state + '/agents', 'agents');
                walk(state + '/memory', 'memory');
                walk(state + '/logs', 'logs/state');
                walk(gw + '/gateway.log', 'logs/gateway.log');
                try { for (const f of fs.readdirSync('/tmp/openclaw').sort()) if (f.startsWith('openclaw-' + profile + '-')) walk('/tmp/openclaw/' + f, 'logs/' + f); } catch (e) {}
                const secretName = /(token|secret|password|passphrase|apikey|api_key|key)$/i;
                function strip(v) {
                  if (Array.isArray(v)) return v.map(strip);
                  if (v && typeof v === 'object') { const o = {}; for (const [k, x] of Object.entries(v)) o[k] = typeof x === 'string' && secretName.test(k) ? '[removed]' : strip(x); return o; }
                  return v;
                }
                try { add('config/openclaw.json', Buffer.from(JSON.stringify(strip(JSON.parse(fs.readFileSync(state + '/openclaw.json', 'utf8'))), null, 2) + '\\n')); }
                catch (e) { if (e.code !== 'ENOENT') lines.push('W\\tconfig/openclaw.json\\tnot readable as JSON: ' + e.message); }
                process.stdout.write(lines.join('\\n') + '\\n');
                NODE
                node "$js" %2$s %3$s %4$s
                """.formatted(host.env(), "\"" + stateDir(profile) + "\"", host.gatewayDir(profile), quote(profile));
        CommandResult result = host.ssh().exec(bash(script), String.join("\n", secrets) + "\n",
                Duration.ofSeconds(300));
        if (!result.ok()) {
            throw new RemoteCommandException("exporting the gateway's data", result);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> withheld = new ArrayList<>();
        for (String line : result.stdout().split("\n")) {
            String[] parts = line.split("\t", 3);
            if (parts.length == 3 && parts[0].equals("F")) {
                files.put(parts[1], Base64.getDecoder().decode(parts[2]));
            } else if (parts.length == 3 && parts[0].equals("W")) {
                withheld.add(parts[1] + ": " + parts[2]);
            }
        }
        return new Export(files, withheld, files.size() + " file(s) exported, " + withheld.size() + " withheld");
    }

    /**
     * Deletes the gateway's state directory (config, credentials, workspace, sessions), its supervisor directory
     * (backups and workspace snapshots included), its logs and unit file; then scans the home and the log directory
     * for any of {@code secrets} (read from stdin into a 0600 file, never argv). Exit 3 lists files still holding one.
     */
    public static CommandResult wipe(RemoteHost host, String profile, List<String> secrets) {
        String script = """
                set -u
                state="%1$s"; gw=%2$s
                %3$s
                if [ -f "$unit_file" ]; then systemctl --user disable --now "$unit" >/dev/null 2>&1; rm -f "$unit_file"; echo "deleted $unit_file"; fi
                for p in "$state" "$gw"; do if [ -e "$p" ]; then rm -rf "$p" && echo "deleted $p"; fi; done
                for f in /tmp/openclaw/openclaw-%4$s-*; do if [ -e "$f" ]; then rm -f "$f" && echo "deleted $f"; fi; done
                umask 077; pf="$(mktemp)"; trap 'rm -f "$pf"' EXIT
                grep -v '^$' > "$pf" || true
                if [ -s "$pf" ]; then
                  found="$(grep -rlF -f "$pf" --exclude-dir=.npm --exclude-dir=.cache --exclude-dir=node_modules "$HOME" /tmp/openclaw 2>/dev/null)"
                  if [ -n "$found" ]; then echo "a secret of the gateway is still on the host in:"; echo "$found"; exit 3; fi
                fi
                echo "scanned $HOME and /tmp/openclaw: no secret of the gateway left"
                """.formatted(stateDir(profile), host.gatewayDir(profile), host.gateway().systemd(profile), profile);
        return host.ssh().exec(bash(script), String.join("\n", secrets) + "\n", Duration.ofSeconds(300));
    }

    /**
     * The last gateway of the host is gone: monitoring's restricted line and provisioning's own key are removed from
     * {@code authorized_keys}, and monitoring's probe deleted. The command runs over the already open session.
     */
    public static CommandResult revokeAll(RemoteHost host, String provisioningPublicKey) {
        String[] parts = provisioningPublicKey.strip().split("\\s+");
        String key = parts.length > 1 ? parts[1] : parts[0];
        return host.ssh().exec(bash("""
                set -eu
                keys="$HOME/.ssh/authorized_keys"; touch "$keys"
                new="$(mktemp "$keys.XXXXXX")"
                { grep -v ' %1$s$' "$keys" | grep -vF %2$s || true; } > "$new"
                removed=$(( $(wc -l < "$keys") - $(wc -l < "$new") ))
                chmod 600 "$new"; mv "$new" "$keys"
                echo "deleted $removed line(s) from $keys (monitoring's and provisioning's keys)"
                probe=%3$s/%4$s
                [ -e "$probe" ] && rm -f "$probe" && echo "deleted $probe"
                exit 0
                """.formatted(io.lobsterops.kit.probe.MonitoringAccess.KEY_COMMENT, quote(key), host.root(),
                io.lobsterops.kit.probe.MonitoringAccess.PROBE_NAME)), Duration.ofSeconds(30));
    }
}
