package io.lobsterops.events;

import java.time.Instant;
import java.util.UUID;

/** {@value EventTypes#GATEWAY_HEALTH_CHANGED}: a gateway's damped health state changed; published on a change only (monitoring-service). */
public record GatewayHealthChanged(
        UUID engagementId,
        String clientId,
        UUID gatewayId,
        GatewayHealth from,
        GatewayHealth to,
        String reason,
        Instant changedAt) implements EngagementEvent {

    @Override
    public String type() {
        return EventTypes.GATEWAY_HEALTH_CHANGED;
    }
}
