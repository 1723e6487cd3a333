package io.lobsterops.provisioning.fleet.run;

import java.util.UUID;

import io.lobsterops.provisioning.fleet.domain.ModelPrice;
import io.lobsterops.provisioning.fleet.domain.StepName;
import io.lobsterops.provisioning.fleet.ssh.SshTarget;

/** Everything one step needs, read in its own short transaction; secrets opened only for the step's duration. */
record StepWork(UUID runId, UUID hostId, int ordinal, StepName step, SshTarget target, String profile,
        int port, String agentId, String openclawVersion, String providerId, String baseUrl, String modelId,
        ModelPrice modelPrice, String apiKey, String gatewayToken, String botToken, String dmPolicy, String allowFromJson) {

    @Override
    public String toString() {
        return "StepWork[" + runId + " #" + ordinal + " " + step.slug() + " on " + target + " profile " + profile + "]";
    }
}
