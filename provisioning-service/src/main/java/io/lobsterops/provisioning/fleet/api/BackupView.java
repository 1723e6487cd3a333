package io.lobsterops.provisioning.fleet.api;

import java.time.Instant;
import java.util.UUID;

import io.lobsterops.provisioning.fleet.domain.GatewayBackup;

public record BackupView(UUID id, UUID gatewayId, String archivePath, boolean verified, Long sizeBytes,
        String createdBy, Instant createdAt) {

    public static BackupView from(GatewayBackup b) {
        return new BackupView(b.id, b.gatewayId, b.archivePath, b.verified, b.sizeBytes, b.createdBy, b.createdAt);
    }
}
