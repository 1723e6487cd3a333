package io.lobsterops.provisioning.fleet.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An {@code openclaw backup create --verify} archive kept on the gateway's host. */
@Entity
@Table(name = "gateway_backup")
public class GatewayBackup {

    @Id
    public UUID id;

    @Column(name = "gateway_id", nullable = false)
    public UUID gatewayId;

    @Column(name = "archive_path", nullable = false)
    public String archivePath;

    @Column(nullable = false)
    public boolean verified;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The archive {@code by} made now, at {@code archivePath} on the host, verified or not, of {@code size} bytes. */
    public static GatewayBackup made(UUID gatewayId, String archivePath, boolean verified, Long size, String by,
            Instant now) {
        GatewayBackup backup = new GatewayBackup();
        backup.id = UUID.randomUUID();
        backup.gatewayId = gatewayId;
        backup.archivePath = archivePath;
        backup.verified = verified;
        backup.sizeBytes = size;
        backup.createdBy = by;
        backup.createdAt = now;
        return backup;
    }
}
