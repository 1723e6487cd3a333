package io.lobsterops.provisioning.fleet.upgrade;

import java.util.List;
import java.util.UUID;

import io.lobsterops.provisioning.fleet.ssh.SshTarget;

/**
 * What one upgrade step needs, read in its own short transaction: the host, both versions, whether the gateway was
 * switched already, the released files (path and SHA-256) to check the workspace against, and the secrets to redact.
 */
record UpgradeWork(UUID upgradeId, UpgradeStep step, UUID gatewayId, SshTarget target, boolean hostKeyChanged,
        String profile, int port, String fromVersion, String toVersion, boolean switched, String deployedCommit,
        List<String[]> released, String failedStep, List<String> secrets) {

    @Override
    public String toString() {
        return "UpgradeWork[" + upgradeId + " " + step.slug() + " " + fromVersion + " -> " + toVersion + "]";
    }
}
