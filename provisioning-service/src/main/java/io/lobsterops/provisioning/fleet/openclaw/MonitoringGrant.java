package io.lobsterops.provisioning.fleet.openclaw;

import static io.lobsterops.provisioning.fleet.ssh.Shell.bash;
import static io.lobsterops.provisioning.fleet.ssh.Shell.quote;

import java.time.Duration;

import io.lobsterops.provisioning.fleet.ssh.CommandResult;

/** monitoring-service's access on a host (ADR 0017): the read-only probe and its restricted key line. */
public final class MonitoringGrant {

    private MonitoringGrant() {
    }

    /**
     * Grants monitoring-service its restricted access: installs the read-only probe next to the installs and replaces
     * monitoring's line in {@code ~/.ssh/authorized_keys} (forwarding to this host's gateway ports only, the probe
     * forced). Idempotent; the probe travels on stdin.
     */
    public static CommandResult grant(RemoteHost host, String authorizedKeysLine) {
        return host.ssh().exec(bash("""
                set -eu
                dir="%1$s"; mkdir -p "$dir"
                tmp="$(mktemp "$dir/%2$s.XXXXXX")"; cat > "$tmp"; chmod 755 "$tmp"; mv "$tmp" "$dir/%2$s"
                mkdir -p "$HOME/.ssh"; chmod 700 "$HOME/.ssh"; keys="$HOME/.ssh/authorized_keys"; touch "$keys"
                line=%3$s
                new="$(mktemp "$keys.XXXXXX")"
                { grep -v ' %4$s$' "$keys" || true; printf '%%s\n' "$line"; } > "$new"
                chmod 600 "$new"; mv "$new" "$keys"
                echo "monitoring access granted: $(printf '%%s' "$line" | cut -d' ' -f1)"
                """.formatted(host.root(), io.lobsterops.kit.probe.MonitoringAccess.PROBE_NAME, quote(authorizedKeysLine),
                io.lobsterops.kit.probe.MonitoringAccess.KEY_COMMENT)),
                io.lobsterops.kit.probe.MonitoringAccess.probeScript(), Duration.ofSeconds(30));
    }
}
