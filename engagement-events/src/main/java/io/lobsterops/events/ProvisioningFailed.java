package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/** {@value EventTypes#PROVISIONING_FAILED}: a provisioning run stopped at a step; it can be resumed from there (provisioning-service). */
public record ProvisioningFailed(
        UUID engagementId,
        String clientId,
        UUID runId,
        UUID gatewayId,
        String step,
        String reason,
        Instant failedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.PROVISIONING_FAILED;
    }
}
