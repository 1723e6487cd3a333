package io.lobsterops.provisioning.fleet.api;

import java.time.Instant;
import java.util.UUID;

import io.lobsterops.provisioning.fleet.domain.Gateway;
import io.lobsterops.provisioning.fleet.domain.GatewayState;
import io.lobsterops.provisioning.fleet.domain.ModelPrice;

/**
 * A gateway without any of its secrets. While a kill is pending (state {@code SUSPENDING}) {@code kill} says since
 * when, how many attempts were made and why the last one failed.
 */
public record GatewayView(UUID id, UUID engagementId, String clientId, UUID hostId, String profile, int port,
        String agentId, GatewayState state, String openclawVersion, String modelProviderId, String modelId,
        ModelPrice modelPrice, boolean telegram, String deployedCommit, String deployedTag, String suspendedBy, String suspendedReason,
        Instant suspendedAt, PendingKill kill, String createdBy, Instant createdAt, Instant updatedAt) {

    public record PendingKill(Instant requestedAt, int attempts, String lastError) {
    }

    public static GatewayView from(Gateway g) {
        PendingKill kill = g.state == GatewayState.SUSPENDING
                ? new PendingKill(g.killRequestedAt, g.killAttempts, g.killLastError)
                : null;
        return new GatewayView(g.id, g.engagementId, g.clientId, g.hostId, g.profile, g.port, g.agentId, g.state,
                g.openclawVersion, g.modelProviderId, g.modelId, g.modelPrice(), g.telegramTokenSealed != null, g.deployedCommit,
                g.deployedTag, g.suspendedBy, g.suspendedReason, g.suspendedAt, kill, g.createdBy, g.createdAt,
                g.updatedAt);
    }
}
