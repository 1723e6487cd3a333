package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/** {@value EventTypes#GATEWAY_INSTALLED}: a gateway was installed, onboarded and answered ready on its host (provisioning-service). */
public record GatewayInstalled(
        UUID engagementId,
        String clientId,
        UUID gatewayId,
        UUID hostId,
        String profile,
        int port,
        String openclawVersion,
        UUID runId,
        Instant installedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.GATEWAY_INSTALLED;
    }
}
