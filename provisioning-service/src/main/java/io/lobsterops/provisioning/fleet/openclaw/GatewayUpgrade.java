package io.lobsterops.provisioning.fleet.openclaw;

import static io.lobsterops.provisioning.fleet.ssh.Shell.bash;
import static io.lobsterops.provisioning.fleet.ssh.Shell.quote;

import java.time.Duration;
import java.util.List;

import io.lobsterops.provisioning.fleet.ssh.CommandResult;

/**
 * What an upgrade does on the host besides {@link RemoteHost}'s own commands (runbook §4, ADR 0041). Each version lives
 * in its own prefix ({@code openclaw/<version>/}), so the old one stays installed beside the new one; switching is
 * stopping the gateway and starting it from the other prefix. Before the switch the stopped gateway's state directory is
 * copied aside ({@code gateways/<profile>/upgrades/<id>/state}): a rollback puts that copy back, byte for byte.
 */
public final class GatewayUpgrade {

    private GatewayUpgrade() {
    }

    /** The new binary validates the current configuration, before anything is restarted. */
    public static CommandResult validateConfig(RemoteHost next, String profile) {
        return next.ssh().exec(bash(next.env() + "openclaw --version && openclaw --profile " + quote(profile)
                + " config validate --json"), Duration.ofSeconds(90));
    }

    static String coldCopy(RemoteHost host, String profile, String upgradeId) {
        return host.gatewayDir(profile) + "/upgrades/" + upgradeId + "/state";
    }

    /** Copies the stopped gateway's state directory aside, once (a resumed switch keeps the first copy). */
    public static CommandResult copyStateAside(RemoteHost host, String profile, String upgradeId) {
        return host.ssh().exec(bash("""
                set -eu
                state="%1$s"; copy="%2$s"
                if [ -d "$copy" ]; then echo "state already copied aside as $copy"; exit 0; fi
                mkdir -p "$(dirname "$copy")"; chmod 700 "$(dirname "$copy")"
                rm -rf "$copy.partial"; cp -a "$state" "$copy.partial"; mv "$copy.partial" "$copy"
                echo "state copied aside as $copy ($(du -sk "$copy" | cut -f1) KB)"
                """.formatted(GatewayRemoval.stateDir(profile), coldCopy(host, profile, upgradeId))),
                Duration.ofSeconds(300));
    }

    /** Puts the copy taken before the switch back in place of the state directory (the gateway stopped). */
    public static CommandResult restoreState(RemoteHost host, String profile, String upgradeId) {
        return host.ssh().exec(bash("""
                set -eu
                state="%1$s"; copy="%2$s"
                test -d "$copy" || { echo "no state copy at $copy: the switch never stopped the gateway"; exit 2; }
                rm -rf "$state.rollback"; cp -a "$copy" "$state.rollback"
                rm -rf "$state"; mv "$state.rollback" "$state"
                echo "state restored from $copy"
                """.formatted(GatewayRemoval.stateDir(profile), coldCopy(host, profile, upgradeId))),
                Duration.ofSeconds(300));
    }

    /** The copy is no longer needed once the upgrade is kept (it holds the gateway's secrets). */
    public static CommandResult dropStateCopy(RemoteHost host, String profile, String upgradeId) {
        return host.ssh().exec(bash("rm -rf " + "\"" + host.gatewayDir(profile) + "/upgrades/" + upgradeId + "\""
                + " && echo 'state copy removed'"), Duration.ofSeconds(120));
    }

    /**
     * Each released file's SHA-256 in the workspace, compared with the release's: exit 0 when all are equal, else exit
     * 4 listing the files that differ or are missing.
     */
    public static CommandResult checkWorkspace(RemoteHost host, String profile, List<String[]> pathAndSha256) {
        StringBuilder expected = new StringBuilder();
        for (String[] file : pathAndSha256) {
            expected.append(file[1]).append("  ").append(file[0]).append('\n');
        }
        return host.ssh().exec(bash("""
                cd "%1$s" || exit 1
                out="$(sha256sum -c --quiet - 2>&1)"; rc=$?
                if [ $rc -ne 0 ]; then echo "workspace differs from the release:"; echo "$out"; exit 4; fi
                echo "workspace equal to the release: %2$d file(s) checked"
                """.formatted(host.workspace().path(profile), pathAndSha256.size())), expected.toString(), Duration.ofSeconds(60));
    }
}
