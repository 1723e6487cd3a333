package io.lobsterops.provisioning.fleet.termination;

import java.util.List;
import java.util.UUID;

import io.lobsterops.provisioning.fleet.ssh.SshTarget;

/**
 * What one termination step needs, read in its own short transaction. {@code target} is null when the engagement has
 * no gateway, {@code hostKeyChanged} when its host presented another key. {@code otherPorts} are the ports of the
 * gateways left on the host; {@code monitoringLine} monitoring's narrowed line for them (null without its key).
 */
record TerminationWork(UUID terminationId, TerminationStep step, boolean hasGateway, boolean hostKeyChanged,
        SshTarget target, String hostLabel, String profile, String openclawVersion, List<String> secrets,
        String repository, List<Integer> otherPorts, String monitoringLine, String hostPublicKey) {

    @Override
    public String toString() {
        return "TerminationWork[" + terminationId + " " + step.slug() + " profile " + profile + "]";
    }
}
